#!/usr/bin/env bash
# Builds the web app into the given distDir unless its sources are unchanged since the last build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIST="${1:-.next}"
mkdir -p "$ROOT/var"
cd "$ROOT/apps/web"
hash=$(cd "$ROOT" && { git ls-files -s apps/web packages/config pnpm-lock.yaml 2>/dev/null; git diff HEAD -- apps/web packages/config 2>/dev/null; git ls-files -o --exclude-standard apps/web | xargs -r cat; } | sha256sum | cut -c1-16)
if [[ -f "$DIST/BUFOR_BUILD" && "$(cat "$DIST/BUFOR_BUILD")" == "$hash" ]]; then exit 0; fi
printf '\033[1;34m[setup]\033[0m building the web app into apps/web/%s\n' "$DIST"
NEXT_DIST_DIR="$DIST" NEXT_TELEMETRY_DISABLED=1 pnpm exec next build >"$ROOT/var/web-build-${DIST#.}.log" 2>&1 || {
  tail -40 "$ROOT/var/web-build-${DIST#.}.log"
  exit 1
}
echo "$hash" >"$DIST/BUFOR_BUILD"
