#!/usr/bin/env bash
# bc-writer benchmark: API calls per order against DESIGN.md section 11 (BigCommerce 1; BC 3, +2 for a new customer)
# and orders per minute under a scaled BC throttle (60 requests per 15 s) against what it allows. Runs the compiled
# bc-writer as a process against the sandboxes and the local stack (bash infra/up.sh).
# Results: bench/results/bc-writer.json and bench/results/bc-writer.md.
#   BENCH_ORDERS=30 BENCH_THROUGHPUT_ORDERS=150 bash bench/bc-writer/run.sh
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_run node dist/bench/bc-writer/bc-writer.bench.js "$@"
