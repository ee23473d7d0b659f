#!/usr/bin/env bash
# Creates fresh WildFly server base dirs (for -Djboss.server.base.dir=DIR), each a
# copy of JBOSS_HOME/standalone/configuration with empty deployments/, so several
# servers can run from one installation at once.
#
#   server-config/wildfly/base-dir.sh JBOSS_HOME DIR...
set -euo pipefail
JBOSS_HOME=${1:?usage: base-dir.sh JBOSS_HOME DIR...}
shift
for dir in "$@"; do
    rm -rf "$dir"
    mkdir -p "$dir/deployments"
    cp -r "$JBOSS_HOME/standalone/configuration" "$dir/configuration"
    rm -rf "$dir/configuration/standalone_xml_history"
done
