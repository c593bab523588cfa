#!/usr/bin/env bash
# Create the Odoo database $1 with the addons $2 (comma separated) and demo data,
# or without demo data when WITHOUT_DEMO=1.
# With --fresh an existing database is dropped first; without it an existing
# database is kept as it is.
set -euo pipefail

database=$1
addons=$2
fresh=${3:-}
here=$(cd "$(dirname "$0")/.." && pwd)
conf="$here/.odoo/$database.conf"

"$here/tools/write_odoo_conf.sh" "$conf" "$database"

exists=$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")
if [ -n "$exists" ] && [ "$fresh" != "--fresh" ]; then
    echo "setup: database $database exists; drop it with 'dropdb $database' to start over"
    exit 0
fi
if [ -n "$exists" ]; then
    echo "setup: dropping the database $database"
    dropdb "$database"
    rm -rf "$here/.odoo/data/filestore/$database"
fi

demo_option=()
demo_text="and demo data"
if [ "${WITHOUT_DEMO:-}" = 1 ]; then
    demo_option=(--without-demo=all)
    demo_text="without demo data"
fi
echo "setup: creating the database $database with $addons $demo_text"
started=$(date +%s)
log="$here/.odoo/$database-install.log"
# Odoo appends to its log file: start a new one, so old errors are not read again.
rm -f "$log"
if ! LOG_LEVEL=warn "$here/.venv/bin/python" "$ODOO_SRC/odoo-bin" -c "$conf" -d "$database" \
        -i "$addons" "${demo_option[@]}" --stop-after-init --logfile "$log"; then
    tail -n 40 "$log" >&2
    echo "setup: installing $addons failed; the whole log is in $log" >&2
    dropdb --if-exists "$database"
    exit 1
fi
# Odoo logs a failed data file at ERROR but may still exit 0, and a failed
# demo file only at WARNING.
failure=" ERROR \| CRITICAL \|demo data failed to install"
if grep -q "$failure" "$log"; then
    grep -A 60 "$failure" "$log" | tail -n 60 >&2
    echo "setup: installing $addons logged errors; the whole log is in $log" >&2
    dropdb --if-exists "$database"
    exit 1
fi
echo "setup: database $database ready in $(($(date +%s) - started)) s"
