#!/usr/bin/env bash
# Ingress benchmark: builds, then measures the ingress (pinned to core 0) beside a bare node:http server that only
# verifies the signature, with acks=all on the local broker. Needs the local stack (bash infra/up.sh).
# Results: bench/results/ingress.json and bench/results/ingress.md.
#   bash bench/ingress/run.sh [--duration 15] [--connections 64] [--rate 1000] [--warmup 3] [--repeat 1] [--out DIR]
#     [--producers 2] [--linger 5]   (the ingress's KAFKA_PRODUCERS and KAFKA_LINGER_MS)
#     [--broker private|shared]     (default private: a broker of its own, started and removed by the bench, at the
#                                    bench's niceness, so other work on the shared broker does not count against ingress)
#     [--node-options "--single-threaded-gc"]   (the ingress process's Node flags; "" for none)
# On a shared host, --repeat N reports the best run per phase (other work only slows runs down); all runs are kept.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
# BENCH_NICE=-10 runs the benchmark (servers, load generator and its private broker inherit it) ahead of other work on
# a shared host; negative values need root. With the kernel's autogroup scheduling (sched_autogroup_enabled), niceness
# only ranks processes of one session against each other, so the benchmark runs in a session of its own (setsid) and
# gives that session's autogroup the same niceness. Both are recorded in the report.
if [[ -n "${BENCH_NICE:-}" ]]; then
  bench_run --session nice -n "$BENCH_NICE" node dist/bench/ingress/ingress.bench.js "$@"
fi
bench_run node dist/bench/ingress/ingress.bench.js "$@"
