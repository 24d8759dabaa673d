#!/usr/bin/env bash
# Checks deploy/ and the Dockerfile without a cluster: helm lint and helm template for every ci/ scenario, the
# rendered manifests through kubernetes-validate (Kubernetes 1.33, strict) and the custom resources through their
# own schemas, the helm-unittest specs, promtool check and test of the alert rules, the dashboards (structure, PromQL,
# drift from their definitions), metric names against docs/metrics.md, the values documentation and the Dockerfile.
# Negative fixtures prove that each validator still rejects what it should. Tools come from scripts/deploy-tools.sh.
# Prints one line per check and `check-deploy: N passed, N failed`; exits 1 when any check failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
node_bin=$(bash scripts/ensure-node.sh) || exit 1
[ -n "$node_bin" ] && PATH="$node_bin:$PATH"
bash scripts/deploy-tools.sh || { echo "check-deploy: the tools could not be installed"; exit 1; }
eval "$(bash scripts/deploy-tools.sh --env)"

KUBE_VERSION=1.33
chart=deploy/helm/ml-connector
checks=deploy/checks
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
started=$(date +%s)

# Runs one check; its output is shown only when it fails (helm's notes about the chart's symlinks are dropped).
check() {
  local name=$1 t0 ms
  shift
  t0=$(date +%s%N)
  if "$@" >"$work/out.log" 2>&1; then
    passed=$((passed + 1))
    ms=$((($(date +%s%N) - t0) / 1000000))
    printf 'ok    %-58s %6d ms\n' "$name" "$ms"
  else
    failed=$((failed + 1))
    printf 'FAIL  %s\n' "$name"
    grep -v 'found symbolic link in path' "$work/out.log" | sed 's/^/      /' | tail -40
  fi
}

# Succeeds when the command fails and its output matches the pattern: a validator must reject its fixture.
rejects() {
  local pattern=$1
  shift
  if "$@" >"$work/reject.log" 2>&1; then
    echo "accepted what it must reject: $*"
    return 1
  fi
  grep -qE "$pattern" "$work/reject.log" || { cat "$work/reject.log"; echo "rejected, but not with /$pattern/"; return 1; }
}

helm_template() {
  helm template mlc "$chart" --namespace connector --kube-version "$KUBE_VERSION.0" -f "$1" 2>"$work/template.err"
}

# kubernetes-validate only warns about kinds it has no schema for; those must be the custom resources checked below.
validate_scenario() {
  local values=$1 manifests="$work/$(basename "$1" .yaml).yaml"
  helm_template "$values" >"$manifests" || { cat "$work/template.err"; return 1; }
  kubernetes-validate -k "$KUBE_VERSION" --strict --quiet "$manifests" >"$work/kv.log" 2>&1 || { cat "$work/kv.log"; return 1; }
  if grep -v -E "Couldn't find schema for kind (ServiceMonitor|PrometheusRule) with api version monitoring.coreos.com/v1" \
    "$work/kv.log" | grep -q .; then
    cat "$work/kv.log"
    return 1
  fi
  node "$checks/check-custom-resources.js" "$manifests"
}

package_has_linked_files() {
  helm package "$chart" -d "$work" >/dev/null || return 1
  local listing
  listing=$(tar -tzf "$work"/ml-connector-*.tgz)
  grep -q 'ml-connector/files/ml-connector.rules.yml' <<<"$listing" || { echo "rules missing from the package"; return 1; }
  [ "$(grep -c 'ml-connector/files/dashboards/.*\.json' <<<"$listing")" -eq "$(ls deploy/grafana/dashboards/*.json | wc -l)" ] \
    || { echo "dashboards missing from the package"; return 1; }
}

dashboard_promql() {
  node "$checks/check-dashboards.js" --promql-out "$work/dashboard-queries.json" && promtool check rules "$work/dashboard-queries.json"
}

echo "check-deploy: Kubernetes $KUBE_VERSION, chart $chart"
for values in "$chart"/ci/*-values.yaml; do
  scenario=$(basename "$values" -values.yaml)
  check "helm lint ($scenario)" helm lint "$chart" --strict --kube-version "$KUBE_VERSION.0" -f "$values"
  check "helm template | kubernetes-validate ($scenario)" validate_scenario "$values"
done
check "chart defaults name the mandatory values" rejects 'is required' helm template mlc "$chart" --kube-version "$KUBE_VERSION.0"
check "helm package includes the linked dashboards and rules" package_has_linked_files
check "helm unittest" helm unittest "$chart"
check "values.yaml documents every value of the schema" node "$checks/check-values-docs.js"
check "promtool check rules" promtool check rules deploy/prometheus/ml-connector.rules.yml
check "promtool test rules" promtool test rules deploy/prometheus/tests/*.test.yml
check "dashboards match their definitions" node deploy/grafana/generate.js --check
check "dashboards structure and PromQL (promtool)" dashboard_promql
check "metric names and labels exist in docs/metrics.md" node "$checks/check-metric-names.js"
check "Dockerfile lint" node "$checks/lint-dockerfile.js"
check "Dockerfile lint rejects its fixtures" node "$checks/lint-dockerfile.js" --self-test
check "kubernetes-validate rejects a broken manifest" \
  rejects 'did not validate' kubernetes-validate -k "$KUBE_VERSION" --strict "$checks/fixtures/kubernetes.bad.yaml"
check "custom resource schemas reject a broken ServiceMonitor" \
  rejects "intreval" node "$checks/check-custom-resources.js" "$checks/fixtures/custom-resources.bad.yaml"
check "metric name check rejects unknown names and labels" \
  rejects 'orders_synced_total is not in docs/metrics.md|, 2 problems' node "$checks/check-metric-names.js" "$checks/fixtures/metrics.unknown.yml"

echo "check-deploy: $passed passed, $failed failed ($(($(date +%s) - started)) s)"
if [ -n "${CHECK_RESULTS_FILE:-}" ]; then
  mkdir -p "$(dirname "$CHECK_RESULTS_FILE")"
  printf '{"suite":"deploy","passed":%d,"failed":%d}\n' "$passed" "$failed" >"$CHECK_RESULTS_FILE"
fi
[ "$failed" -eq 0 ]
