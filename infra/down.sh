#!/usr/bin/env bash
# Stops Kafka and Apicurio through their own pid files (SIGTERM, then SIGKILL after a grace period).
# PostgreSQL is a system service and is stopped only with --all (or when named).
#   bash infra/down.sh [--all] [kafka|registry|postgres]...     (default: kafka registry)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

declare -A want=()
for a in "$@"; do
  case $a in
    --all) want=([kafka]=1 [registry]=1 [postgres]=1) ;;
    kafka | registry | postgres) want[$a]=1 ;;
    *) echo "usage: bash infra/down.sh [--all] [kafka|registry|postgres]..." >&2; exit 64 ;;
  esac
done
((${#want[@]})) || want=([kafka]=1 [registry]=1)

stop_service() { # NAME PIDFILE MATCH GRACE PORT
  local svc=$1 pidfile=$2 match=$3 grace=$4 port=$5 t0 pid
  t0=$(now_ms)
  if pid=$(pid_of "$pidfile" "$match"); then
    stop_pid "$svc" "$pid" "$grace"
    rm -f "$pidfile"
    ok "$svc" "$t0" "stopped pid $pid"
  else
    rm -f "$pidfile"
    if port_in_use "$port"; then
      ok "$svc" "$t0" "not started by infra/ (no live pid in $pidfile), but port $port is in use: left alone"
    else
      ok "$svc" "$t0" "not running"
    fi
  fi
}

# Kafka's controlled shutdown takes a few seconds; both in parallel.
pids=()
[[ -n "${want[kafka]:-}" ]] && { stop_service kafka "$LOCAL_DIR/kafka/kafka.pid" kafka.Kafka 60 "$KAFKA_PORT" & pids+=($!); }
[[ -n "${want[registry]:-}" ]] && {
  stop_service registry "$LOCAL_DIR/apicurio/apicurio.pid" quarkus-run.jar 30 "$APICURIO_PORT" &
  pids+=($!)
}
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done

if [[ -n "${want[postgres]:-}" ]]; then
  t0=$(now_ms)
  line=$(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print; exit }' || true)
  if [[ -z "$line" ]]; then
    ok postgres "$t0" "no cluster on port $PG_PORT"
  else
    read -r ver name _ status _ <<<"$line"
    if [[ "$status" == online* ]]; then
      if pg_ctlcluster "$ver" "$name" stop; then ok postgres "$t0" "stopped cluster $ver/$name"; else
        echo "postgres: FAILED: pg_ctlcluster $ver $name stop (needs root or the cluster owner)" >&2; rc=1
      fi
    else
      ok postgres "$t0" "cluster $ver/$name already $status"
    fi
  fi
fi
exit "$rc"
