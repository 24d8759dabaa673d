#!/usr/bin/env bash
# Starts or stops the sandboxes and the four services as local processes (make up / make down).
# usage: scripts/services.sh up [--fresh]|down|status|env
# With no real connection configured (BIGCOMMERCE_STORE_HASH unset) the services run against the sandboxes with the
# `sandbox` connection, whose state starts over whenever its sandbox does (fresh_slate). `up --fresh` restarts the
# sandbox and the services; `env` prints what a CLI run beside them needs. Logs and pids live in .local/services/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/.local/services"
mkdir -p "$dir"
slate_file="$dir/sandbox.env"
SERVICES=(ingress:3000 bc-watcher:3001 bc-writer:3002 catalog-writer:3003)

sandbox_env() {
  export BIGCOMMERCE_API_URL=http://127.0.0.1:4010 BC_API_URL=http://127.0.0.1:4020 ENTRA_AUTHORITY_URL=http://127.0.0.1:4020
  export CONNECTION_ID=sandbox BIGCOMMERCE_STORE_HASH=sandbox BIGCOMMERCE_ACCESS_TOKEN=sandbox-token
  export BIGCOMMERCE_CLIENT_SECRET=sandbox-client-secret BC_TENANT_ID=00000000-0000-0000-0000-000000000001
  export BC_ENVIRONMENT=sandbox BC_COMPANY_ID=5a3a1c2e-7b1d-4c1f-9f0e-2d4c6b8a0c01
  export BC_CLIENT_ID=sandbox-client BC_CLIENT_SECRET=sandbox-bc-secret
  export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://127.0.0.1:3000}
  export WATCH_INTERVAL_MS=${WATCH_INTERVAL_MS:-30000}
  # Only the sandbox connection: topics on a shared development broker also carry other runs' connections.
  export BC_WRITER_CONNECTIONS=sandbox CATALOG_WRITER_CONNECTIONS=sandbox WATCH_CONNECTIONS=sandbox
  # Drift checks every 20 s (default 15 min), so drift the demo leaves is corrected while it watches.
  export CATALOG_DRIFT_CHECK_INTERVAL_MS=${CATALOG_DRIFT_CHECK_INTERVAL_MS:-20000}
  export CATALOG_LEVELS_STABLE_MS=${CATALOG_LEVELS_STABLE_MS:-5000}
}

# The slate of the running sandbox (its own database and consumer groups), written by fresh_slate.
load_slate() {
  set -a
  # shellcheck source=/dev/null
  source "$slate_file"
  set +a
}

# The sandboxes keep their state in memory, so a sandbox that starts empty gets an empty connector state too: the
# `sandbox` connection's own database (dropped and created again) and new consumer groups committed at the topics'
# ends, so that earlier runs' messages are not replayed into the new state (see `ml-connector demo reset-state`).
fresh_slate() {
  local url=${SANDBOX_DATABASE_URL:-postgres://mlc:mlc@127.0.0.1:5432/ml_connector_sandbox}
  DATABASE_URL=$url node --no-warnings "$root/dist/apps/cli/src/main.js" demo reset-state --write-env "$slate_file"
}

# A local secret made once and kept (mode 600): MASTER_KEY keeps sealed credentials readable across restarts,
# ADMIN_TOKEN opens the services' admin endpoints (the catalog backfill) to the CLI.
local_secret() { # variable file
  if [ -z "${!1:-}" ]; then
    [ -f "$2" ] || (umask 077 && node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64'))" >"$2")
    export "$1=$(cat "$2")"
  fi
}

master_key() {
  local_secret MASTER_KEY "$root/.local/master.key"
  local_secret ADMIN_TOKEN "$root/.local/admin.token"
}

alive() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

wait_http() { # name url seconds
  local deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      echo "$1: not ready after $3 s; last lines of $dir/$1.log:" >&2
      tail -n 20 "$dir/$1.log" >&2 || true
      return 1
    fi
    if ! alive "$1"; then
      echo "$1: exited during start; last lines of $dir/$1.log:" >&2
      tail -n 20 "$dir/$1.log" >&2 || true
      return 1
    fi
    sleep 0.2
  done
}

start() { # name script url
  local name=$1 script=$2 url=$3 t0=$SECONDS
  if alive "$name"; then echo "$name: already running (pid $(cat "$dir/$name.pid"))"; return 0; fi
  if [ ! -f "$root/$script" ]; then echo "$name: not built ($script missing), skipped"; return 0; fi
  nohup node "$root/$script" >>"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
  wait_http "$name" "$url" 60
  echo "$name: ready at ${url%/health/ready} (pid $(cat "$dir/$name.pid"), $((SECONDS - t0)) s)"
}

stop() {
  local name=$1
  alive "$name" || { rm -f "$dir/$name.pid"; return 0; }
  local pid; pid=$(cat "$dir/$name.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$dir/$name.pid"
  echo "$name: stopped"
}

# Each process's share of the store's BigCommerce quota: order reads first, then the watcher's polls; ingress reads
# only the store's id at boot. catalog-writer's share is the connection's catalog setting (quotaShare).
quota_share() {
  case $1 in
    bc-writer) echo 0.5 ;;
    bc-watcher) echo 0.15 ;;
    *) echo 0.05 ;;
  esac
}

stop_all() {
  for entry in "${SERVICES[@]}"; do stop "${entry%%:*}"; done
  stop sandbox
}

up() { # [--fresh]
  master_key
  if [ -z "${BIGCOMMERCE_STORE_HASH:-}" ]; then
    sandbox_env
    [ "${1:-}" = "--fresh" ] && stop_all
    if ! alive sandbox; then
      # A new, empty sandbox: services that kept the old one's state go too, and the state starts over.
      for entry in "${SERVICES[@]}"; do stop "${entry%%:*}"; done
      fresh_slate
    fi
    load_slate
    slate_loaded=1
    start sandbox dist/apps/sandbox/src/main.js http://127.0.0.1:4020/__sandbox/clock
  fi
  for entry in "${SERVICES[@]}"; do
    name=${entry%%:*} port=${entry##*:}
    BIGCOMMERCE_QUOTA_SHARE=${BIGCOMMERCE_QUOTA_SHARE:-$(quota_share "$name")} HTTP_PORT=$port \
      start "$name" "dist/apps/$name/src/main.js" "http://127.0.0.1:$port/health/ready"
    # Ingress registered the env connection: give it the sandbox company's settings before the writers use it
    # (a settings change makes running services rebuild their clients).
    if [ "$name" = ingress ] && [ -n "${slate_loaded:-}" ]; then
      node --no-warnings "$root/dist/apps/cli/src/main.js" demo configure --connection "$CONNECTION_ID"
    fi
  done
}

case "${1:-}" in
  up)
    up "${2:-}"
    ;;
  down)
    stop_all
    ;;
  env)
    # For commands run beside the services (make demo): eval "$(bash scripts/services.sh env)".
    master_key
    echo "export MASTER_KEY='$MASTER_KEY' ADMIN_TOKEN='$ADMIN_TOKEN'"
    if [ -z "${BIGCOMMERCE_STORE_HASH:-}" ] && [ -f "$slate_file" ]; then
      sandbox_env
      load_slate
      for v in DATABASE_URL BIGCOMMERCE_API_URL BC_API_URL ENTRA_AUTHORITY_URL CONNECTION_ID; do echo "export $v='${!v}'"; done
    fi
    ;;
  status)
    for name in sandbox ingress bc-watcher bc-writer catalog-writer; do
      if alive "$name"; then echo "$name: running (pid $(cat "$dir/$name.pid"))"; else echo "$name: stopped"; fi
    done
    ;;
  *)
    echo "usage: scripts/services.sh up [--fresh]|down|status|env" >&2
    exit 2
    ;;
esac
