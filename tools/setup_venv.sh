#!/usr/bin/env bash
# Create the virtual environment .venv with Odoo's requirements, the test and
# lint tools of requirements-dev.txt and the OCA addons of requirements-oca.txt.
# Safe to run again: it reinstalls only when one of these files or this script
# changed since the last run.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
odoo_src=${ODOO_SRC:?ODOO_SRC is not set}
venv="$here/.venv"
python=${PYTHON:-python3.11}
stamp="$venv/.requirements.sha256"

command -v "$python" >/dev/null || python=python3
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "setup: Python 3.11 is required for Odoo 18 here; set PYTHON=/path/to/python3.11" >&2
    exit 1
fi

wanted=$(cat "$odoo_src/requirements.txt" "$here/requirements-dev.txt" "$here/requirements-oca.txt" "$0" \
    | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "setup: virtual environment .venv is up to date"
    exit 0
fi

echo "setup: creating the virtual environment .venv with $($python --version)"
"$python" -m venv "$venv"
pip_install() {
    # This machine's pip configuration lists local package folders that may be
    # absent; pip warns once per package about them, which hides real messages.
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@" 2>&1 \
        | { grep -v "^WARNING: Location '.*' is ignored" || true; }
}

# Old sdists among Odoo's pins import pkg_resources while building, which
# setuptools 70 and later no longer provide, so build them without isolation.
pip_install "setuptools<70" wheel

# Odoo 18.0 pins cbor2 5.4.2, which no longer builds from source on Python 3.11;
# 5.6 keeps the same API. python-ldap needs LDAP headers and only serves auth_ldap.
requirements="$venv/odoo-requirements.txt"
sed -e 's/^cbor2==5\.4\.2\b/cbor2==5.6.5/' \
    -e '/^python-ldap/d' \
    "$odoo_src/requirements.txt" >"$requirements"

echo "setup: installing Odoo's Python requirements (a few minutes the first time)"
pip_install --no-build-isolation -r "$requirements"

echo "setup: installing test and development tools"
pip_install -r "$here/requirements-dev.txt"

# The OCA wheels require an "odoo" distribution that PyPI does not have, so
# they are installed without their dependencies. Odoo itself is ODOO_SRC.
echo "setup: installing the OCA addons of requirements-oca.txt"
pip_install --no-deps -r "$here/requirements-oca.txt"

# Make the Odoo source importable (pytest-odoo imports odoo) without copying it.
site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$odoo_src" >"$site/odoo-src.pth"

echo "$wanted" >"$stamp"
echo "setup: virtual environment ready"
