#!/usr/bin/env bash
# Make sure a PostgreSQL server accepts connections and that the user running
# Odoo has a role that may create databases. Uses the server named by the
# standard PG* variables when it accepts connections, else installs and starts
# Debian's postgresql.
set -euo pipefail

user=${PGUSER:-$(id -un)}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        su postgres -c "$1"
    else
        sudo -u postgres sh -c "$1"
    fi
}

if ! pg_isready -q 2>/dev/null; then
    if ! command -v pg_ctlcluster >/dev/null; then
        echo "setup: no PostgreSQL server answers; installing Debian's postgresql"
        sudo_cmd=()
        [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
        "${sudo_cmd[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq postgresql >/dev/null
    fi
    version=$(ls /etc/postgresql | sort -n | tail -n 1)
    echo "setup: starting the PostgreSQL $version cluster"
    if [ "$(id -u)" = 0 ]; then
        pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    else
        sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    fi
    for _ in $(seq 30); do
        pg_isready -q && break
        sleep 1
    done
    pg_isready -q || { echo "setup: PostgreSQL did not start; see its log in /var/log/postgresql" >&2; exit 1; }
fi

if psql -d postgres -tAc "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user" 2>/dev/null | grep -q t; then
    echo "setup: PostgreSQL answers, role $user may create databases"
    exit 0
fi

# Odoo refuses to connect as the postgres superuser, so it needs a role of its own.
echo "setup: creating the PostgreSQL role $user"
as_postgres "psql -q -U postgres -d postgres -v role='$user'" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" LOGIN CREATEDB;
SQL
psql -d postgres -tAc "SELECT 1" >/dev/null
echo "setup: PostgreSQL answers, role $user may create databases"
