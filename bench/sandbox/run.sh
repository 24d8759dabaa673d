#!/usr/bin/env bash
# Sandbox benchmark: builds, then measures the sandboxes serving simple requests with their limits lifted (beside a
# bare node:http server, the floor) and under the documented limits (BigCommerce 150 requests per 30 s; BC 6000 per
# 5 minutes and 5 at once per user), to show that the limits, not the sandbox's speed, decide throughput.
# Results: bench/results/sandbox.json and bench/results/sandbox.md.
#   bash bench/sandbox/run.sh [--seconds 12] [--rounds 6] [--connections 32] [--out DIR]
# BENCH_NICE=-10 runs the benchmark (sandbox, floor server and load generator inherit it) ahead of other work on a
# shared host; the niceness is recorded in the report.
BENCH_STACK_ENV=no # the sandbox benchmark needs no Kafka, registry or PostgreSQL
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
if [[ -n "${BENCH_NICE:-}" ]]; then bench_run nice -n "$BENCH_NICE" node dist/bench/sandbox/sandbox.bench.js "$@"; fi
bench_run node dist/bench/sandbox/sandbox.bench.js "$@"
