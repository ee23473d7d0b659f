#!/usr/bin/env bash
# Applies server-config/payara/ to a running Payara Server 6 domain: the PostgreSQL driver as a common library,
# then domain.asadmin (JDBC pool and resource jdbc/TokenmintDS from DB_* environment variables, listener
# settings). Can be re-run: each part is skipped when it is already there.
#
#   server-config/payara/configure.sh ASADMIN POSTGRESQL_JAR [asadmin options, e.g. --port 4848]
#
# Set DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD in the environment the domain starts with (e.g. in the service
# unit), then restart it: asadmin restart-domain.
set -euo pipefail
ASADMIN=${1:?usage: configure.sh ASADMIN POSTGRESQL_JAR [asadmin options]}
PG_JAR=${2:?usage: configure.sh ASADMIN POSTGRESQL_JAR [asadmin options]}
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ -f $PG_JAR ]] || { echo "configure.sh: no such jar: $PG_JAR" >&2; exit 1; }

if ! "$ASADMIN" "$@" list-libraries --type common | grep -qx "$(basename "$PG_JAR")"; then
    "$ASADMIN" "$@" add-library --type common "$PG_JAR"
fi
if "$ASADMIN" "$@" list-jdbc-resources | grep -qx 'jdbc/TokenmintDS'; then
    echo "configure.sh: jdbc/TokenmintDS exists already"
else
    "$ASADMIN" "$@" multimode --file "$here/domain.asadmin"
fi
echo "configure.sh: done; restart the domain (asadmin restart-domain) so that the driver is loaded"
