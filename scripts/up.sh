#!/usr/bin/env bash
# Brings the whole product up on embedded defaults: PostgreSQL, Redis, local S3, mail catcher, KSeF simulator,
# API, worker and web, with a migrated database and a seeded demo tenant. Ctrl-C stops everything.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

API_PORT="${API_PORT:-3000}"
if curl -fsS "http://127.0.0.1:${API_PORT}/health" >/dev/null 2>&1; then
  printf 'Bufor is already running: web http://localhost:%s, API http://localhost:%s/docs\n' "${WEB_PORT:-3001}" "$API_PORT"
  exit 0
fi

source "$ROOT/scripts/lib/bootstrap.sh"

log "building (tsc -b)"
pnpm exec tsc -b
bash "$ROOT/scripts/lib/build-web.sh" .next

mkdir -p var
log "migrating the database"
node packages/db/dist/cli/migrate.js
log "seeding the demo tenant"
node apps/api/dist/cli/seed.js | tee var/demo-seed.txt

exec node "$ROOT/scripts/lib/run-stack.mjs"
