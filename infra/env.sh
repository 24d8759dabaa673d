# Client settings for the local stack started by infra/up.sh. Source it: `source infra/env.sh`.
# shellcheck shell=sh
# Only variables that are not already set get the defaults, so CI or a developer can point elsewhere.
: "${KAFKA_BROKERS:=127.0.0.1:9092}"
: "${SCHEMA_REGISTRY_URL:=http://127.0.0.1:8081/apis/ccompat/v7}"
: "${DATABASE_URL:=postgres://mlc:mlc@127.0.0.1:5432/ml_connector}"
: "${TEST_DATABASE_URL:=postgres://mlc:mlc@127.0.0.1:5432/ml_connector_test}"
export KAFKA_BROKERS SCHEMA_REGISTRY_URL DATABASE_URL TEST_DATABASE_URL
