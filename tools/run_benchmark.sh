#!/usr/bin/env bash
# Build the benchmark database $1 with $2 invoices, unless it already contains
# them, then time the engine, the ORM loop and the raw-SQL lower bound, each in
# its own process. Then seed about 100 000 KPI values, unless present, and
# measure their Excel export. Prints one JSON line per run.
set -euo pipefail

database=$1
invoices=$2
here=$(cd "$(dirname "$0")/.." && pwd)
conf="$here/.odoo/$database.conf"
python="$here/.venv/bin/python"

seeded=$(psql -d "$database" -tAc "SELECT COUNT(*) FROM account_move WHERE name LIKE 'BENCH/%'" 2>/dev/null || echo 0)
if [ "$seeded" != "$invoices" ]; then
    WITHOUT_DEMO=1 "$here/tools/create_db.sh" "$database" billing_kra_kpi --fresh
    echo "bench: inserting $invoices invoices with their payments, events and chatter"
    "$python" "$here/tools/benchmark.py" "$conf" "$database" seed --invoices "$invoices"
fi
for mode in engine sql template orm; do
    "$python" "$here/tools/benchmark.py" "$conf" "$database" run --mode "$mode"
done
# The engine's months are in 2026; the values for the export end in September 2025.
values=$(psql -d "$database" -tAc "SELECT COUNT(*) FROM billing_kpi_value WHERE date_from < '2025-10-01'")
if [ "$values" = 0 ]; then
    echo "bench: inserting about 100 000 KPI values with their scorecards"
    "$python" "$here/tools/benchmark_xlsx.py" "$conf" "$database" seed --rows 100000
fi
"$python" "$here/tools/benchmark_xlsx.py" "$conf" "$database" run
