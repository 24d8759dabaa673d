#!/usr/bin/env bash
# Stack benchmark: cold start of each compiled service (fresh schema, migrations included) and of the four started
# together, idle and peak RSS per service (beside a bare node:http server), and end-to-end latencies under a steady
# load on the sandboxes (webhook -> posted invoice; BC price and stock change -> store). Needs the local stack.
# Results: bench/results/stack.json and bench/results/stack.md.
#   bash bench/stack/run.sh [--orders 40] [--burst 80] [--changes 40] [--out DIR]
export NODE_NO_WARNINGS=1
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_run node dist/bench/stack/stack.bench.js "$@"
