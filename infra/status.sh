#!/usr/bin/env bash
# One line per service: ready or not (by a real call), pid and RSS, where the log is. Exit 0 only when all are ready.
#   bash infra/status.sh
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rc=0
line() { printf '%-9s %-9s %s\n' "$1:" "$2" "$3"; }

k_ok=0
kafka_ready 3 && k_ok=1

pid=$(pid_of "$LOCAL_DIR/kafka/kafka.pid" kafka.Kafka || true)
detail="127.0.0.1:$KAFKA_PORT${pid:+  pid $pid  rss $(rss_of "$pid")}  log $LOCAL_DIR/kafka/logs/server.log"
if ((k_ok)); then line kafka ready "$detail"; else line kafka DOWN "$detail"; rc=1; fi

pid=$(pid_of "$LOCAL_DIR/apicurio/apicurio.pid" quarkus-run.jar || true)
detail="$APICURIO_READY_URL${pid:+  pid $pid  rss $(rss_of "$pid")}  log $LOCAL_DIR/apicurio/apicurio.log"
if apicurio_ready 2; then line registry ready "$detail"; else line registry DOWN "$detail"; rc=1; fi

url=${DATABASE_URL:-$PG_DEFAULT_URL}
pg=$(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print $1"/"$2" "$4; exit }' || true)
ppid=$(head -1 "/var/run/postgresql/$PG_PORT.pid" 2>/dev/null || true)
[[ -z "$ppid" ]] && ppid=$(head -1 "$(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print $6; exit }')/postmaster.pid" 2>/dev/null || true)
detail="$(sed -E 's#(://[^:/@]+:)[^@]*@#\1***@#' <<<"$url")${pg:+  cluster $pg}${ppid:+  postmaster pid $ppid  rss $(rss_of "$ppid")}"
if PGCONNECT_TIMEOUT=3 psql "$url" -w -X -A -t -q -c 'select 1' </dev/null >/dev/null 2>&1; then
  line postgres ready "$detail"
else
  line postgres DOWN "$detail"
  rc=1
fi
exit "$rc"
