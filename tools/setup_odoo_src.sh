#!/usr/bin/env bash
# Make sure an Odoo 18.0 Community source tree is at ODOO_SRC. An empty or missing
# folder gets a shallow clone of the official 18.0 branch.
set -euo pipefail

odoo_src=${ODOO_SRC:?ODOO_SRC is not set}
official=https://github.com/odoo/odoo.git

if [ -f "$odoo_src/odoo/release.py" ]; then
    series=$(sed -n "s/^version_info = (\([0-9]*\), \([0-9]*\),.*/\1.\2/p" "$odoo_src/odoo/release.py")
    if [ "$series" != "18.0" ]; then
        echo "setup: $odoo_src contains Odoo $series, expected 18.0; set ODOO_SRC to an Odoo 18.0 tree" >&2
        exit 1
    fi
    echo "setup: using the Odoo 18.0 source in $odoo_src"
    exit 0
fi

if [ -d "$odoo_src" ] && [ -n "$(ls -A "$odoo_src")" ]; then
    echo "setup: $odoo_src is not empty but holds no Odoo source (odoo/release.py is missing);" \
        "empty it or set ODOO_SRC to an Odoo 18.0 source tree" >&2
    exit 1
fi

echo "setup: cloning the Odoo 18.0 branch into $odoo_src (about 1 GB)"
mkdir -p "$(dirname "$odoo_src")"
if ! git clone --quiet --depth 1 --branch 18.0 "$official" "$odoo_src"; then
    rm -rf "$odoo_src"
    cat >&2 <<TEXT
setup: could not clone $official.
Provide an Odoo 18.0 Community source tree (the folders odoo/ and addons/, the file
odoo-bin and requirements.txt) in $odoo_src, or point ODOO_SRC at one:
    make test ODOO_SRC=/path/to/odoo-18.0
TEXT
    exit 1
fi
