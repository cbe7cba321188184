#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer at the configured URLs. On Debian as root it installs and starts them when
# absent; anywhere else it prints one line saying what to do. Idempotent.
set -euo pipefail

DATABASE_URL="${DATABASE_URL:-postgres://bufor_app:bufor_app@127.0.0.1:5432/bufor}"
DATABASE_MIGRATION_URL="${DATABASE_MIGRATION_URL:-postgres://bufor:bufor@127.0.0.1:5432/bufor}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup]\033[0m %s\n' "$*" >&2; exit 1; }

is_local_url() { [[ "$1" == *"@127.0.0.1"* || "$1" == *"@localhost"* || "$1" == *"//127.0.0.1"* || "$1" == *"//localhost"* ]]; }
can_install() { [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; }

apt_updated=0
apt_install() {
  if [[ $apt_updated -eq 0 ]]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_ready() { node "$(dirname "${BASH_SOURCE[0]}")/pg-ping.cjs" "$1" >/dev/null 2>&1; }
url_part() { node -e 'const u=new URL(process.argv[1]);const p=process.argv[2];console.log(p==="db"?u.pathname.slice(1):decodeURIComponent(u[p]))' "$1" "$2"; }
psql_admin() { su postgres -c "psql -qtAc \"$1\""; }

# Creates a login role when missing (and keeps its password in step with the URL).
ensure_role() {
  local user pass extra=$2
  user=$(url_part "$1" username)
  pass=$(url_part "$1" password)
  psql_admin "DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN CREATE ROLE \\\"$user\\\" LOGIN $extra; END IF; ALTER ROLE \\\"$user\\\" PASSWORD '$pass'; END \\\$\\\$;" >/dev/null
}

# Two roles: the schema owner (migrations, seed; may create databases because tests clone a template per file) and
# the app role (api, worker), which does not own the tables, so row-level security applies to it.
ensure_postgres() {
  if pg_ready "$DATABASE_MIGRATION_URL" && pg_ready "$DATABASE_URL"; then return 0; fi
  if ! is_local_url "$DATABASE_URL"; then
    die "PostgreSQL is not reachable as DATABASE_URL and DATABASE_MIGRATION_URL: create both roles (see .env.example)."
  fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    can_install || die "PostgreSQL is not installed: install PostgreSQL 15+ and create the roles of .env.example."
    apt_install postgresql
  fi
  local cluster
  cluster=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')
  if [[ -z "$cluster" ]]; then
    can_install || die "No PostgreSQL cluster exists: create one (pg_createcluster) and start it."
    local version
    version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    pg_createcluster "$version" main >/dev/null
    cluster="$version main"
  fi
  # shellcheck disable=SC2086
  pg_ctlcluster $cluster start 2>/dev/null || true
  for _ in $(seq 1 30); do
    if su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1; then break; fi
    sleep 1
  done
  ensure_role "$DATABASE_MIGRATION_URL" CREATEDB
  ensure_role "$DATABASE_URL" ""
  local db owner
  db=$(url_part "$DATABASE_MIGRATION_URL" db)
  owner=$(url_part "$DATABASE_MIGRATION_URL" username)
  if ! psql_admin "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    su postgres -c "createdb -O '$owner' '$db'"
  fi
  pg_ready "$DATABASE_MIGRATION_URL" || die "PostgreSQL started but DATABASE_MIGRATION_URL still does not connect."
  pg_ready "$DATABASE_URL" || die "PostgreSQL started but DATABASE_URL still does not connect."
  log "PostgreSQL ready"
}

ensure_redis() {
  local host port
  host=$(node -e 'console.log(new URL(process.argv[1]).hostname)' "$REDIS_URL")
  port=$(node -e 'console.log(new URL(process.argv[1]).port || 6379)' "$REDIS_URL")
  if node "$(dirname "${BASH_SOURCE[0]}")/redis-ping.cjs" "$host" "$port" >/dev/null 2>&1; then return 0; fi
  if ! is_local_url "$REDIS_URL"; then die "Redis at REDIS_URL is not reachable; start it or fix REDIS_URL."; fi
  if ! command -v redis-server >/dev/null 2>&1; then
    can_install || die "Redis is not installed: install redis-server and start it on $host:$port."
    apt_install redis-server
  fi
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save '' --appendonly no >/dev/null
  for _ in $(seq 1 30); do
    if node "$(dirname "${BASH_SOURCE[0]}")/redis-ping.cjs" "$host" "$port" >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  log "Redis ready"
}

ensure_chromium() {
  if [[ -x /usr/bin/chromium ]]; then return 0; fi
  can_install || die "Chromium is needed by the browser tests: install Debian's chromium package."
  apt_install chromium
}

# @bufor/fa3 builds its libxml2 schema-validation addon on install when these headers are present; without them it
# falls back to libxml2-wasm, which is about half as fast (the fa3 tests insist on the addon).
ensure_libxml2_headers() {
  if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libxml-2.0; then return 0; fi
  can_install || die "libxml2 headers are needed by @bufor/fa3: install libxml2-dev and pkg-config."
  apt_install libxml2-dev pkg-config
}

ensure_poppler() {
  if command -v pdftotext >/dev/null 2>&1; then return 0; fi
  can_install || die "pdftotext is needed by the PDF tests: install poppler-utils."
  apt_install poppler-utils
}
