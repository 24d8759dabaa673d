#!/usr/bin/env bash
# bc-watcher stock scan benchmark: builds, seeds the sandbox with 100,000 items and measures the compiled watcher's
# scans (BC requests against the floor, wall time, events published, RSS). Needs the local stack (bash infra/up.sh).
# Results: bench/results/bc-watcher.json and bench/results/bc-watcher.md.
#   bash bench/bc-watcher/run.sh [--items 100000] [--stock-changes 1000] [--price-changes 100] [--scan-interval-ms 60000] [--out DIR]
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_run node dist/bench/bc-watcher/stock-scan.bench.js "$@"
