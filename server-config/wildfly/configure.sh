#!/usr/bin/env bash
# Applies the operator scripts server-config/wildfly/*.cli (in name order) to a
# WildFly installation with the embedded (offline) CLI.
#
#   server-config/wildfly/configure.sh JBOSS_HOME POSTGRESQL_JAR
#
# Used by the Maven build (target/server) and usable on any WildFly 39 install.
# The first run saves standalone/configuration/standalone.xml as
# standalone.xml.orig; every (re)configuration starts again from that pristine
# copy, so it is repeatable. Skipped when the scripts and the jar are unchanged
# since the last run (stamp file .tokenmint-configured in JBOSS_HOME).
set -euo pipefail

JBOSS_HOME=${1:?usage: configure.sh JBOSS_HOME POSTGRESQL_JAR}
PG_JAR=${2:?usage: configure.sh JBOSS_HOME POSTGRESQL_JAR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JBOSS_HOME=$(cd "$JBOSS_HOME" && pwd)
PG_JAR=$(cd "$(dirname "$PG_JAR")" && pwd)/$(basename "$PG_JAR")
[[ -f $PG_JAR ]] || { echo "configure.sh: no such jar: $PG_JAR" >&2; exit 1; }

shopt -s nullglob
scripts=("$here"/*.cli)
(( ${#scripts[@]} )) || { echo "configure.sh: no *.cli in $here" >&2; exit 1; }

stamp_file=$JBOSS_HOME/.tokenmint-configured
stamp=$( { cat "${scripts[@]}"; basename "$PG_JAR"; } | sha256sum | cut -d' ' -f1)
if [[ -f $stamp_file && $(cat "$stamp_file") == "$stamp" ]]; then
    echo "configure.sh: $JBOSS_HOME already configured (scripts unchanged)"
    exit 0
fi

cfg=$JBOSS_HOME/standalone/configuration
[[ -f $cfg/standalone.xml.orig ]] || cp "$cfg/standalone.xml" "$cfg/standalone.xml.orig"
cp "$cfg/standalone.xml.orig" "$cfg/standalone.xml"
[[ -f $cfg/logging.properties.orig ]] || cp "$cfg/logging.properties" "$cfg/logging.properties.orig"
cp "$cfg/logging.properties.orig" "$cfg/logging.properties"
rm -rf "$cfg/standalone_xml_history" "$JBOSS_HOME/modules/org/postgresql" \
       "$JBOSS_HOME/standalone/data" "$JBOSS_HOME/standalone/tmp" "$JBOSS_HOME/standalone/log"
rm -f "$stamp_file"

batch=$(mktemp "${TMPDIR:-/tmp}/tokenmint-cli.XXXXXX")
trap 'rm -f "$batch"' EXIT
{
    echo "embed-server --server-config=standalone.xml --std-out=discard"
    for s in "${scripts[@]}"; do cat "$s"; echo; done
    echo "stop-embedded-server"
} > "$batch"

echo "configure.sh: applying ${scripts[*]##*/} to $JBOSS_HOME"
JBOSS_HOME=$JBOSS_HOME "$JBOSS_HOME/bin/jboss-cli.sh" --file="$batch" -Dpostgresql.jar="$PG_JAR"
# A running server rewrites logging.properties (the log configuration used while it boots, before its logging
# subsystem starts) from its configuration; the embedded one does not. When the scripts gave the console the JSON
# formatter (70-json-logs.cli), the boot lines get it too, so that the console carries JSON from its first line.
if grep -q '<formatter name="JSON">' "$cfg/standalone.xml"; then
    sed -i 's/^handler\.CONSOLE\.formatter=.*/handler.CONSOLE.formatter=JSON/' "$cfg/logging.properties"
    cat >> "$cfg/logging.properties" <<'PROPERTIES'

formatter.JSON=org.jboss.logmanager.formatters.JsonFormatter
formatter.JSON.properties=zoneId,exceptionOutputType,dateFormat
formatter.JSON.zoneId=UTC
formatter.JSON.exceptionOutputType=FORMATTED
formatter.JSON.dateFormat=yyyy-MM-dd'T'HH\:mm\:ss.SSSXXX
PROPERTIES
fi
# the embedded server leaves its runtime dirs behind; start clean
rm -rf "$JBOSS_HOME/standalone/data" "$JBOSS_HOME/standalone/tmp" "$JBOSS_HOME/standalone/log"
echo "$stamp" > "$stamp_file"
