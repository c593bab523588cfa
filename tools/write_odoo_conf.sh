#!/usr/bin/env bash
# Write the Odoo configuration file $1 for database $2: this repository's addons,
# Odoo's own, and the OCA addons installed from PyPI into the virtual environment.
set -euo pipefail

conf=$1
database=$2
here=$(cd "$(dirname "$0")/.." && pwd)
odoo_src=${ODOO_SRC:?ODOO_SRC is not set}
site=$("$here/.venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')

addons_path="$odoo_src/addons,$odoo_src/odoo/addons,$here"
# OCA wheels install their addons into site-packages/odoo/addons.
if [ -d "$site/odoo/addons" ]; then
    addons_path="$addons_path,$site/odoo/addons"
fi

mkdir -p "$(dirname "$conf")"
cat >"$conf" <<CONF
[options]
addons_path = $addons_path
data_dir = $here/.odoo/data
db_name = $database
dbfilter = ^$database\$
list_db = False
http_interface = 127.0.0.1
http_port = ${HTTP_PORT:-8069}
gevent_port = ${GEVENT_PORT:-8072}
without_demo = False
log_level = ${LOG_LEVEL:-info}
CONF
