#!/usr/bin/env bash
# PostgreSQL for the connector: the Debian system cluster (pg_ctlcluster), listening on 127.0.0.1:5432,
# with role mlc/mlc (LOGIN CREATEDB) owning databases ml_connector and ml_connector_test.
#  - No-op when DATABASE_URL (default postgres://mlc:mlc@127.0.0.1:5432/ml_connector) and TEST_DATABASE_URL
#    (default .../ml_connector_test) both answer `select 1`.
#  - DATABASE_URL pointing somewhere else: that server is used as is when `select 1` works; nothing is managed.
#  - Server not installed: installed with apt-get when running as root; otherwise this says that installing needs root.
# Unlike Kafka and Apicurio, the data lives in the system cluster (/var/lib/postgresql/<ver>/<name>), not in .local.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

SVC=postgres
T0=$(now_ms)
STATE_DIR="$LOCAL_DIR/postgres"
mkdir -p "$STATE_DIR"
exec 9>"$STATE_DIR/.start.lock"
flock 9

redact() { sed -E 's#(://[^:/@]+:)[^@]*@#\1***@#' <<<"$1"; }
can_query() { PGCONNECT_TIMEOUT=${2:-3} psql "$1" -w -X -A -t -q -v ON_ERROR_STOP=1 -c 'select 1' </dev/null >/dev/null 2>&1; }

url=${DATABASE_URL:-$PG_DEFAULT_URL}
test_url=${TEST_DATABASE_URL:-$PG_DEFAULT_TEST_URL}

if command -v psql >/dev/null; then
  if [[ "$url" != "$PG_DEFAULT_URL" ]]; then
    # An externally provided server: accept it as is, never touch it.
    if can_query "$url" 5; then
      can_query "$test_url" 5 || log "$SVC: warning: TEST_DATABASE_URL $(redact "$test_url") does not answer select 1"
      ok "$SVC" "$T0" "using existing server from DATABASE_URL $(redact "$url")"
      exit 0
    fi
    die "$SVC" "DATABASE_URL is set to $(redact "$url") but 'select 1' fails there; fix it, or unset it to use the local cluster"
  fi
  if can_query "$url" && can_query "$test_url"; then
    ok "$SVC" "$T0" "already running on 127.0.0.1:$PG_PORT (ml_connector, ml_connector_test)"
    exit 0
  fi
fi

# --- server binaries ---
server_installed() {
  command -v pg_ctlcluster >/dev/null && command -v psql >/dev/null &&
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}
if ! server_installed; then
  if [[ $EUID -ne 0 ]]; then
    die "$SVC" "the PostgreSQL server is not installed and installing it needs root: run 'sudo apt-get install -y postgresql' (then rerun), or set DATABASE_URL to an existing server"
  fi
  log "$SVC: server not installed, running apt-get install -y postgresql (log: $STATE_DIR/apt.log)"
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >"$STATE_DIR/apt.log" 2>&1; then
    die "$SVC" "apt-get install -y postgresql failed" "$STATE_DIR/apt.log"
  fi
  server_installed || die "$SVC" "postgresql installed but pg_ctlcluster/postgres binaries are still missing" "$STATE_DIR/apt.log"
fi

# --- cluster: prefer the one on port 5432, else create <newest version>/main on 5432 ---
cluster_line() { pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print; exit }'; }
line=$(cluster_line)
if [[ -z "$line" ]]; then
  if [[ -n "$(pg_lsclusters -h 2>/dev/null)" ]]; then
    die "$SVC" "no PostgreSQL cluster is configured for port $PG_PORT (pg_lsclusters: $(pg_lsclusters -h | awk '{print $1"/"$2":"$3}' | tr '\n' ' ')); set its port to $PG_PORT or set DATABASE_URL"
  fi
  [[ $EUID -eq 0 ]] || die "$SVC" "no PostgreSQL cluster exists and creating one needs root: run 'sudo pg_createcluster --start <version> main'"
  ver=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf "%f\n" | sort -V | tail -1)
  pg_createcluster "$ver" main --port "$PG_PORT" >"$STATE_DIR/createcluster.log" 2>&1 ||
    die "$SVC" "pg_createcluster $ver main failed" "$STATE_DIR/createcluster.log"
  line=$(cluster_line)
fi
read -r ver name _port status owner _datadir pglog <<<"$line"

if [[ "$status" != online* ]]; then
  if [[ $EUID -ne 0 && "$(id -un)" != "$owner" ]]; then
    die "$SVC" "cluster $ver/$name is $status and starting it needs root or user $owner: run 'sudo pg_ctlcluster $ver $name start'" "$pglog"
  fi
  pg_ctlcluster "$ver" "$name" start >"$STATE_DIR/pg_ctlcluster.log" 2>&1 9>&- ||
    die "$SVC" "pg_ctlcluster $ver $name start failed" "$STATE_DIR/pg_ctlcluster.log" "$pglog"
fi

# TCP on 127.0.0.1 (Debian's default listen_addresses=localhost); poll with a deadline.
deadline=$(($(date +%s) + 30))
until pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 2; do
  (($(date +%s) < deadline)) || die "$SVC" "cluster $ver/$name does not accept TCP connections on 127.0.0.1:$PG_PORT (check listen_addresses)" "$pglog"
  sleep 0.2
done

# --- role and databases (idempotent), as the cluster superuser over the local socket ---
if [[ $EUID -eq 0 ]]; then
  as_owner=(runuser -u "$owner" --)
elif [[ "$(id -un)" == "$owner" ]]; then
  as_owner=()
else
  die "$SVC" "role mlc or its databases are missing and creating them needs root or user $owner; or set DATABASE_URL to an existing server"
fi
if ! "${as_owner[@]}" psql -p "$PG_PORT" -X -q -v ON_ERROR_STOP=1 -d postgres >"$STATE_DIR/provision.log" 2>&1 <<'SQL'; then
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mlc') THEN
    CREATE ROLE mlc LOGIN CREATEDB PASSWORD 'mlc';
  ELSE
    ALTER ROLE mlc LOGIN CREATEDB PASSWORD 'mlc';
  END IF;
END
$$;
SELECT 'CREATE DATABASE ml_connector OWNER mlc'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ml_connector') \gexec
SELECT 'CREATE DATABASE ml_connector_test OWNER mlc'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ml_connector_test') \gexec
ALTER DATABASE ml_connector OWNER TO mlc;
ALTER DATABASE ml_connector_test OWNER TO mlc;
SQL
  die "$SVC" "creating role mlc / databases ml_connector, ml_connector_test failed" "$STATE_DIR/provision.log" "$pglog"
fi

for u in "$url" "$test_url"; do
  can_query "$u" 5 || die "$SVC" "'select 1' fails for $(redact "$u") after provisioning (pg_hba.conf must allow password auth from 127.0.0.1)" "$pglog"
done
ok "$SVC" "$T0" "ready on 127.0.0.1:$PG_PORT, cluster $ver/$name (ml_connector, ml_connector_test)"
