#!/usr/bin/env bash
# `npm test`: every gate, in the order a failure is cheapest to read.
# Needs PostgreSQL at LOCKSTEP_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

# The type-check is the longest static gate (~25 s of one core) and reads only sources: it runs
# beside the gates before it, its output shown in its place, and is stopped if one of them fails.
typecheck_log=$(mktemp)
npm run -s typecheck >"$typecheck_log" 2>&1 &
typecheck=$!
trap 'kill "$typecheck" 2>/dev/null || true; rm -f "$typecheck_log"' EXIT

step "generated files are up to date (npm run gen:check)"
npm run -s gen:check
step "spec lint: Redocly and Spectral"
# gen:check has just proven the committed bundle is what the spec gives: lint it as it is.
npm run -s spec:lint:bundled
step "breaking changes since the last released spec need a major changeset"
npm run -s spec:breaking
step "code lint and format (Biome)"
npm run -s lint
step "layering: no import cycles, server layers call only downward (dependency-cruiser)"
npm run -s layering
step "typecheck"
typecheck_status=0
wait "$typecheck" || typecheck_status=$?
cat "$typecheck_log"
[ "$typecheck_status" -eq 0 ] || exit "$typecheck_status"
step "API reference"
npm run -s docs
# The wiring report's docs column renders the reference in Chromium (~15 s, mostly waiting on
# Redoc): done beside the tests, its output shown before the report that reads it.
render_log=$(mktemp)
npm run -s wiring:docs >"$render_log" 2>&1 &
render=$!
trap 'kill "$typecheck" "$render" 2>/dev/null || true; rm -f "$typecheck_log" "$render_log"' EXIT
# No separate build step: scripts/packaging/packaging.test.ts builds every package through
# `npm pack` (prepack) and tests the tarballs as npm users install them.
step "unit, contract and packaging tests (SQLite and PostgreSQL)"
rm -rf reports/contract
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
step "wiring report"
render_status=0
wait "$render" || render_status=$?
cat "$render_log"
[ "$render_status" -eq 0 ] || exit "$render_status"
npm run -s wiring
node -e '
const r = require("./reports/vitest.json");
console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
'
