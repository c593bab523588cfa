#!/usr/bin/env bash
# Run the test suite of the addons $2 (comma separated) with pytest-odoo against
# the database $1, HTTP and browser tests included. Further arguments go to pytest.
set -euo pipefail

database=$1
addons=$2
shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
conf="$here/.odoo/$database.conf"
cd "$here"

paths=()
IFS=, read -ra names <<<"$addons"
for name in "${names[@]}"; do
    paths+=("$name/tests")
done

echo "test: running the suite of $addons on $database"
exec "$here/.venv/bin/pytest" --odoo-config="$conf" --odoo-database="$database" \
    --odoo-http --odoo-log-level=warn "${paths[@]}" "$@"
