#!/usr/bin/env bash
# Run by the postgres image once, when it creates its data volume (/docker-entrypoint-initdb.d), against the
# temporary server that listens on its Unix socket only: creates the role DB_USER with password DB_PASSWORD and the
# database DB_NAME it owns, through the same bin/db-setup that development machines and CI use (mounted at
# /opt/tokenmint/db-setup by docker/compose.yaml). The role is no superuser.
DB_HOST=/var/run/postgresql DB_PORT=5432 PG_ADMIN_USER=${POSTGRES_USER:-postgres} \
    bash /opt/tokenmint/db-setup "${DB_NAME:-tokenmint}"
