#!/usr/bin/env bash
# Runs once when the compose PostgreSQL volume is created: the role the apps connect as. It owns no table, so
# row-level security applies to it; the migrations (run as the owner) grant it what it needs.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="${POSTGRES_APP_PASSWORD}" <<'SQL'
CREATE ROLE bufor_app LOGIN PASSWORD :'app_password';
SQL
