#!/usr/bin/env bash
# Installs the chart and alert tooling into .tools/ and prints each tool's version; a second run is a quick no-op.
#   helm            go install from the Go module proxy (same ldflags as helm's own Makefile)
#   helm-unittest   go install, laid out as a helm plugin under .tools/helm/plugins (no download hook)
#   kubernetes-validate  PyPI, in the venv .tools/venv (bundles the Kubernetes schemas: works offline)
#   promtool        Debian's prometheus package, downloaded and unpacked with dpkg -x (never installed)
# Downloads are cached outside the work tree (Go caches, pip cache, $DEPLOY_TOOLS_CACHE) so a fresh clone is fast.
# `deploy-tools.sh --env` prints the exports that put these tools first (eval it); it installs nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
bin="$tools/bin"
HELM_VERSION=v3.22.0
HELM_K8S_MINOR=37 # k8s.io/client-go v0.37 in helm v3.22.0's go.mod, as its Makefile would stamp
HELM_UNITTEST_VERSION=v1.1.2
KUBERNETES_VALIDATE_VERSION=1.37.0
PROMETHEUS_DEB_VERSION=2.42.0+ds-5+deb12u1
cache="${DEPLOY_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ml-connector-deploy-tools}"

print_env() {
  cat <<EOF
export PATH="$bin:$tools/venv/bin:\$PATH"
export HELM_PLUGINS="$tools/helm/plugins" HELM_CONFIG_HOME="$tools/helm/config"
export HELM_CACHE_HOME="$tools/helm/cache" HELM_DATA_HOME="$tools/helm/data"
EOF
}
if [ "${1:-}" = "--env" ]; then print_env; exit 0; fi
eval "$(print_env)"

log() { echo "deploy-tools: $*" >&2; }
fail() { log "$*"; exit 1; }
mkdir -p "$bin" "$cache" "$HELM_PLUGINS" "$HELM_CONFIG_HOME" "$HELM_CACHE_HOME" "$HELM_DATA_HOME"

check_go_proxy() {
  command -v go >/dev/null 2>&1 || fail "go is missing (needed to build helm); install Go 1.26 or newer"
  [ -n "${go_proxy_ok:-}" ] && return 0
  if ! timeout 120 go list -m "helm.sh/helm/v3@$HELM_VERSION" >/dev/null 2>"$cache/go-proxy.err"; then
    fail "the Go module proxy ($(go env GOPROXY)) does not answer for helm.sh/helm/v3@$HELM_VERSION: $(tail -1 "$cache/go-proxy.err")"
  fi
  go_proxy_ok=1
}

install_helm() {
  if [ -x "$bin/helm" ] && [ "$("$bin/helm" version --template '{{.Version}}' 2>/dev/null)" = "$HELM_VERSION" ]; then return 0; fi
  check_go_proxy
  log "building helm $HELM_VERSION with go install (a cold Go cache takes about 3 minutes on 2 cores)"
  local v=helm.sh/helm/v3
  GOBIN="$bin" CGO_ENABLED=0 go install -trimpath -ldflags "-w -s -X $v/internal/version.version=$HELM_VERSION \
    -X $v/internal/version.gitTreeState=clean -X $v/pkg/lint/rules.k8sVersionMajor=1 \
    -X $v/pkg/lint/rules.k8sVersionMinor=$HELM_K8S_MINOR -X $v/pkg/chartutil.k8sVersionMajor=1 \
    -X $v/pkg/chartutil.k8sVersionMinor=$HELM_K8S_MINOR" "$v/cmd/helm@$HELM_VERSION"
}

# helm-unittest's own plugin.yaml downloads a release binary in its install hook; this layout needs none.
install_helm_unittest() {
  local dir="$HELM_PLUGINS/unittest"
  if [ -x "$dir/untt" ] && grep -q "^version: \"${HELM_UNITTEST_VERSION#v}\"" "$dir/plugin.yaml" 2>/dev/null; then return 0; fi
  check_go_proxy
  log "building helm-unittest $HELM_UNITTEST_VERSION from its module source (about 2.5 minutes cold)"
  # Its go.mod has a replace directive, which `go install pkg@version` refuses: build it as the main module.
  local src
  src=$(go mod download -json "github.com/helm-unittest/helm-unittest@$HELM_UNITTEST_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || fail "go mod download gave no source directory for helm-unittest $HELM_UNITTEST_VERSION"
  mkdir -p "$dir"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -ldflags "-w -s" -o "$dir/untt" ./cmd/helm-unittest)
  cat >"$dir/plugin.yaml" <<EOF
name: "unittest"
version: "${HELM_UNITTEST_VERSION#v}"
usage: "unittest for helm charts"
description: "helm-unittest built from source by scripts/deploy-tools.sh"
ignoreFlags: false
command: "\$HELM_PLUGIN_DIR/untt"
EOF
}

install_kubernetes_validate() {
  local stamp="$tools/venv/.kubernetes-validate-$KUBERNETES_VALIDATE_VERSION"
  if [ -f "$stamp" ] && [ -x "$tools/venv/bin/kubernetes-validate" ]; then return 0; fi
  command -v python3 >/dev/null 2>&1 || fail "python3 is missing (needed for kubernetes-validate)"
  log "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION into .tools/venv"
  [ -x "$tools/venv/bin/pip" ] || python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  touch "$stamp"
}

download_prometheus_deb() {
  (cd "$cache" && apt-get download "prometheus=$PROMETHEUS_DEB_VERSION" >/dev/null 2>&1) && return 0
  [ "$(id -u)" -eq 0 ] || fail "apt-get download prometheus failed and refreshing the package lists needs root: \
run 'sudo apt-get update' once, then run this script again"
  log "apt-get download failed; running apt-get update first"
  apt-get update -qq >/dev/null
  (cd "$cache" && apt-get download "prometheus=$PROMETHEUS_DEB_VERSION" >/dev/null) \
    || fail "apt-get download prometheus=$PROMETHEUS_DEB_VERSION failed after apt-get update"
}

install_promtool() {
  local dir="$tools/prometheus"
  if [ -x "$bin/promtool" ] && "$bin/promtool" --version >/dev/null 2>&1; then return 0; fi
  command -v apt-get >/dev/null 2>&1 || fail "apt-get is missing: promtool comes from Debian's prometheus package"
  local deb
  deb=$(ls "$cache"/prometheus_*.deb 2>/dev/null | head -1 || true)
  if [ -z "$deb" ]; then
    log "downloading Debian's prometheus $PROMETHEUS_DEB_VERSION (for promtool)"
    download_prometheus_deb
    deb=$(ls "$cache"/prometheus_*.deb | head -1)
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  dpkg -x "$deb" "$dir"
  ln -sf "$dir/usr/bin/promtool" "$bin/promtool"
}

started=$(date +%s)
# pip and apt run beside the Go builds, which keep both cores busy on a cold cache.
install_kubernetes_validate & kv_pid=$!
install_promtool & promtool_pid=$!
install_helm
install_helm_unittest
wait "$kv_pid" || fail "kubernetes-validate was not installed"
wait "$promtool_pid" || fail "promtool was not installed"
echo "helm $(helm version --template '{{.Version}} ({{.GoVersion}})')"
echo "helm-unittest $(helm plugin list | awk '$1 == "unittest" { print $2 }')"
echo "kubernetes-validate $(kubernetes-validate --version)"
echo "promtool $(promtool --version 2>&1 | sed -n 's/^promtool, version \([^ ]*\).*/\1/p')"
echo "deploy-tools: ready in $(($(date +%s) - started)) s"
