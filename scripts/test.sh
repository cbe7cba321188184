#!/usr/bin/env bash
# Runs every test of the repository (small, medium, e2e) and ends with one summary line.
# Safe while the local stack runs: tests use their own databases, Redis prefixes, ports and web build directory.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

set -e
source "$ROOT/scripts/lib/bootstrap.sh"
ensure_chromium
ensure_poppler

log "building (tsc -b)"
pnpm exec tsc -b
bash "$ROOT/scripts/lib/build-web.sh" .next-test
set +e

mkdir -p var
results="$ROOT/var/test-results.json"
rm -f "$results"
log "running all tests (vitest: small, medium, e2e)"
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$results"
vitest_status=$?

log "lint (eslint) and formatting (prettier)"
pnpm exec eslint . --max-warnings=0
lint_status=$?
pnpm exec prettier --check . --log-level=warn
format_status=$?

node -e '
const fs = require("fs");
const file = process.argv[1];
if (!fs.existsSync(file)) { console.log("bufor: 0 passed, 1 failed (vitest produced no results)"); process.exit(0); }
const r = JSON.parse(fs.readFileSync(file, "utf8"));
const checks = Number(process.argv[2] !== "0") + Number(process.argv[3] !== "0");
console.log(`\nbufor: ${r.numPassedTests} passed, ${r.numFailedTests + checks} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$results" "$lint_status" "$format_status"

if (( vitest_status != 0 || lint_status != 0 || format_status != 0 )); then exit 1; fi
