#!/usr/bin/env bash
# Starts the local stack in parallel, each service only when it does not already answer a real readiness call:
#   Kafka 4.1 (KRaft) 127.0.0.1:9092 · Apicurio Registry 127.0.0.1:8081 (ccompat /apis/ccompat/v7) · PostgreSQL 127.0.0.1:5432
# Prints one line per service with how long it took. Exit status 1 when any service failed (its log tail is printed).
#   bash infra/up.sh [kafka|registry|postgres]...     (default: all three)
# Then: source infra/env.sh
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

declare -A SCRIPT=([kafka]=kafka/start.sh [registry]=apicurio/start.sh [postgres]=postgres/start.sh)
services=("$@")
((${#services[@]})) || services=(kafka registry postgres)
for s in "${services[@]}"; do
  [[ -n "${SCRIPT[$s]:-}" ]] || { echo "up.sh: unknown service '$s' (kafka, registry, postgres)" >&2; exit 64; }
done

T0=$(now_ms)
declare -A OUT=() NAME=()
for s in "${services[@]}"; do
  OUT[$s]="$RUN_DIR/up.$s.out"
  bash "$INFRA_DIR/${SCRIPT[$s]}" >"${OUT[$s]}" 2>&1 &
  NAME[$!]=$s
done

failed=()
while ((${#NAME[@]})); do
  rc=0
  wait -n -p done_pid "${!NAME[@]}" || rc=$?
  s=${NAME[$done_pid]}
  unset "NAME[$done_pid]"
  if ((rc == 0)); then cat "${OUT[$s]}"; else cat "${OUT[$s]}" >&2; failed+=("$s"); fi
done

if ((${#failed[@]})); then
  echo "up.sh: FAILED: ${failed[*]} (after $(elapsed "$T0")); logs are under $LOCAL_DIR" >&2
  exit 1
fi
echo "up.sh: all ready in $(elapsed "$T0")"
