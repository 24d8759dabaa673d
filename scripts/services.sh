#!/usr/bin/env bash
# Starts or stops the sandboxes and the four services as local processes (make up / make down).
# usage: scripts/services.sh up|down|status
# With no real connection configured (BIGCOMMERCE_STORE_HASH unset) the services run against the sandboxes with the
# `sandbox` connection. Logs and pids live in .local/services/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/.local/services"
mkdir -p "$dir"
SERVICES=(ingress:3000 bc-watcher:3001 bc-writer:3002 catalog-writer:3003)

sandbox_env() {
  export BIGCOMMERCE_API_URL=http://127.0.0.1:4010 BC_API_URL=http://127.0.0.1:4020 ENTRA_AUTHORITY_URL=http://127.0.0.1:4020
  export CONNECTION_ID=sandbox BIGCOMMERCE_STORE_HASH=sandbox BIGCOMMERCE_ACCESS_TOKEN=sandbox-token
  export BIGCOMMERCE_CLIENT_SECRET=sandbox-client-secret BC_TENANT_ID=00000000-0000-0000-0000-000000000001
  export BC_ENVIRONMENT=sandbox BC_CLIENT_ID=sandbox-client BC_CLIENT_SECRET=sandbox-bc-secret
  export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://127.0.0.1:3000}
  export WATCH_INTERVAL_MS=${WATCH_INTERVAL_MS:-30000}
}

master_key() {
  # A local MASTER_KEY, made once and kept (mode 600) so sealed credentials stay readable across restarts.
  if [ -z "${MASTER_KEY:-}" ]; then
    [ -f "$root/.local/master.key" ] || (umask 077 && node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64'))" >"$root/.local/master.key")
    MASTER_KEY=$(cat "$root/.local/master.key")
    export MASTER_KEY
  fi
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

case "${1:-}" in
  up)
    master_key
    if [ -z "${BIGCOMMERCE_STORE_HASH:-}" ]; then
      sandbox_env
      start sandbox dist/apps/sandbox/src/main.js http://127.0.0.1:4020/__sandbox/clock
    fi
    for entry in "${SERVICES[@]}"; do
      name=${entry%%:*} port=${entry##*:}
      HTTP_PORT=$port start "$name" "dist/apps/$name/src/main.js" "http://127.0.0.1:$port/health/ready"
    done
    ;;
  down)
    for entry in "${SERVICES[@]}"; do stop "${entry%%:*}"; done
    stop sandbox
    ;;
  status)
    for name in sandbox ingress bc-watcher bc-writer catalog-writer; do
      if alive "$name"; then echo "$name: running (pid $(cat "$dir/$name.pid"))"; else echo "$name: stopped"; fi
    done
    ;;
  *)
    echo "usage: scripts/services.sh up|down|status" >&2
    exit 2
    ;;
esac
