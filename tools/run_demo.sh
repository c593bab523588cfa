#!/usr/bin/env bash
# Start Odoo on the demo database $1 and print how to log in.
set -euo pipefail

database=$1
here=$(cd "$(dirname "$0")/.." && pwd)
port=${HTTP_PORT:-8069}

cat <<TEXT

  Odoo with the KPI app: http://127.0.0.1:$port/odoo?db=$database
  Logins (password = login):
    admin   administrator, KPI Administrator
    maria   billing manager, KPI Manager
    anna    billing clerk, KPI User
    ben     billing clerk, KPI User
    chloe   billing clerk, KPI User
  Stop the server with Ctrl+C.

TEXT
exec "$here/.venv/bin/python" "$ODOO_SRC/odoo-bin" -c "$here/.odoo/$database.conf" -d "$database"
