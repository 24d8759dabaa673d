#!/usr/bin/env bash
# catalog-writer push benchmark: seeds the sandbox with 10,000 variants, runs the compiled catalog-writer against it
# under the store's default quota (150 requests per 30 s) and measures an initial backfill and a signal-driven push of
# 10,000 changed variants (price and stock): requests against the floor, wall time against what the quota allows,
# 429s, peak RSS. Needs the local stack (bash infra/up.sh).
# Results: bench/results/catalog-writer.json and bench/results/catalog-writer.md.
#   bash bench/catalog-writer/run.sh [--products 2000] [--variants-per-product 5] [--out DIR]
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_run node dist/bench/catalog-writer/catalog-push.bench.js "$@"
