#!/usr/bin/env bash
# Shared by up.sh and test.sh: pnpm, libxml2 headers, dependencies, PostgreSQL and Redis. Idempotent and quiet
# when nothing to do.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PNPM_VERSION=10.34.9
cd "$ROOT"

# shellcheck source=services.sh
source "$ROOT/scripts/lib/services.sh"

node_major=$(node -p 'process.versions.node.split(".")[0]')
if (( node_major < 20 )); then die "Node.js 20.19+ is required (found $(node -v))."; fi

if [[ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]]; then
  log "installing pnpm $PNPM_VERSION"
  npm install -g --silent "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || die "could not install pnpm: run 'npm install -g pnpm@$PNPM_VERSION'"
fi

# Native addons (argon2, libxmljs2) build against the Node headers Debian ships.
if [[ -z "${npm_config_nodedir:-}" && -f /usr/include/node/node_version.h ]]; then export npm_config_nodedir=/usr; fi

ensure_libxml2_headers
log "installing dependencies (pnpm install)"
pnpm install --frozen-lockfile --reporter=silent

ensure_postgres
ensure_redis
