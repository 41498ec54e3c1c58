#!/usr/bin/env bash
# Entry point of every npm script: `npm run <x>` → `bash scripts/run.sh <x>`.
# npm itself runs fine on the machine's Node 20; everything after this line runs under Node 24
# (installed into the cache on first use), with the project's dependencies installed as needed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$CHATFLOW_ROOT"

command="${1:-}"; shift || true

# Serialised: parallel runs (several e2e suites at once) would otherwise wipe each other's dist.
# With a folder argument, also copies what npm would publish (plus a node_modules link) there
# under the same lock, so that run keeps a package no later rebuild can change.
build() {
  exec 7>"$CHATFLOW_ROOT/.build.lock"
  flock 7
  chatflow_log "building: clean, tsc, static files"
  rm -rf dist
  npx tsc -p tsconfig.json
  npx gulp build:icons --silent
  if [ -n "${1:-}" ]; then
    mkdir -p "$1"
    cp -r package.json README.md LICENSE dist examples "$1/"
    ln -s "$CHATFLOW_ROOT/node_modules" "$1/node_modules"
  fi
  flock -u 7
}

ensure_node24
ensure_deps

case "$command" in
  build) build ;;
  lint) npx eslint "$@" . ;;
  typecheck) npx tsc -p tsconfig.test.json ;;
  test)
    ensure_n8n # the harness runs n8n's built-in nodes (Switch, If, ...) from the pinned runtime
    npx jest "$@"
    ;;
  e2e)
    ensure_n8n
    CHATFLOW_E2E_PACKAGE="$(mktemp -d)/n8n-nodes-chatflow"
    export CHATFLOW_E2E_PACKAGE
    build "$CHATFLOW_E2E_PACKAGE"
    status=0
    npx jest -c jest.e2e.config.js "$@" || status=$?
    rm -rf "$(dirname "$CHATFLOW_E2E_PACKAGE")"
    exit "$status"
    ;;
  dev)
    ensure_n8n
    build
    exec npx tsx scripts/dev.ts "$@"
    ;;
  bench)
    ensure_n8n
    build
    exec npx tsx bench/run.ts "$@"
    ;;
  *) chatflow_log "usage: scripts/run.sh build|lint|typecheck|test|e2e|dev|bench [args]"; exit 2 ;;
esac
