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
  versions)
    # `npm run test:versions [-- <n8n version>... [-- <jest args>]]`: the version-range smoke
    # (test/e2e/versions) against each version (default: both ends of the supported range),
    # each installed once into the cache like the pinned one, then the compatibility table.
    versions=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do versions+=("$1"); shift; done
    [ "${1:-}" = "--" ] && shift
    [ ${#versions[@]} -gt 0 ] || versions=("$CHATFLOW_N8N_OLDEST" "$CHATFLOW_N8N_NEWEST")
    results="${CHATFLOW_VERSIONS_RESULTS:-$CHATFLOW_ROOT/test/e2e/artifacts/versions}"
    mkdir -p "$results"
    CHATFLOW_E2E_PACKAGE="$(mktemp -d)/n8n-nodes-chatflow"
    export CHATFLOW_E2E_PACKAGE
    build "$CHATFLOW_E2E_PACKAGE"
    status=0
    for version in "${versions[@]}"; do
      rm -f "$results/$version".*
      started=$SECONDS
      if ! ensure_n8n "$version"; then
        echo "npm install of n8n@$version failed (see the lines above)" >"$results/$version.install-failed"
        status=1
        continue
      fi
      chatflow_log "smoke against n8n $version"
      CHATFLOW_N8N_VERSION="$version" CHATFLOW_N8N_DIR="$(n8n_dir "$version")" \
        npx jest -c jest.versions.config.js --json --outputFile="$results/$version.json" "$@" || status=1
      chatflow_log "n8n $version: smoke done in $((SECONDS - started)) s (install included)"
    done
    rm -rf "$(dirname "$CHATFLOW_E2E_PACKAGE")"
    npx tsx scripts/versionsReport.ts "$results" "${versions[@]}"
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
  *) chatflow_log "usage: scripts/run.sh build|lint|typecheck|test|e2e|versions|dev|bench [args]"; exit 2 ;;
esac
