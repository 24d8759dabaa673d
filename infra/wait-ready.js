#!/usr/bin/env node
// Waits until local services answer a real request, polling until an overall deadline (no fixed sleeps).
//
//   node infra/wait-ready.js [kafka|registry|postgres|all]... [--timeout SECONDS] [--pid PID] [--quiet]
//        [--brokers host:port,...] [--registry-url URL] [--database-url URL]
//
// Targets and what counts as ready:
//   kafka     kafkajs admin.listTopics() succeeds            (KAFKA_BROKERS, default 127.0.0.1:9092)
//   registry  GET <SCHEMA_REGISTRY_URL>/subjects answers 200  (default http://127.0.0.1:8081/apis/ccompat/v7)
//   postgres  `select 1` through node-postgres                (DATABASE_URL, default postgres://mlc:mlc@127.0.0.1:5432/ml_connector)
//   all       (the default) kafka + registry + postgres, in parallel
// --pid: give up at once (exit 2) when that process dies, e.g. the broker the launcher just started.
// Exit codes: 0 ready, 1 deadline passed, 2 watched process died, 64 bad usage.
'use strict';

const DEFAULTS = {
  brokers: process.env.KAFKA_BROKERS || '127.0.0.1:9092',
  registryUrl: process.env.SCHEMA_REGISTRY_URL || 'http://127.0.0.1:8081/apis/ccompat/v7',
  databaseUrl: process.env.DATABASE_URL || 'postgres://mlc:mlc@127.0.0.1:5432/ml_connector',
};
const POLL_MS = 250;

// kafkajs 2.2.4 on Node >= 23 sets a negative timer on every connection (tulios/kafkajs#1751, harmless):
// drop that one warning, print the others as Node would.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name !== 'TimeoutNegativeWarning') console.error(`(node:${process.pid}) ${w.name}: ${w.message}`);
});

function usage(msg) {
  if (msg) console.error(`wait-ready: ${msg}`);
  console.error(
    'usage: node infra/wait-ready.js [kafka|registry|postgres|all]... [--timeout S] [--pid PID] [--quiet]\n' +
      '       [--brokers host:port,...] [--registry-url URL] [--database-url URL]',
  );
  process.exit(64);
}

function parseArgs(argv) {
  const opts = { targets: [], timeoutMs: 60_000, pid: null, quiet: false, ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--timeout': {
        const s = Number(value());
        if (!(s > 0)) usage('--timeout must be a positive number of seconds');
        opts.timeoutMs = s * 1000;
        break;
      }
      case '--pid':
        opts.pid = Number(value());
        break;
      case '--quiet':
        opts.quiet = true;
        break;
      case '--brokers':
        opts.brokers = value();
        break;
      case '--registry-url':
        opts.registryUrl = value();
        break;
      case '--database-url':
        opts.databaseUrl = value();
        break;
      case '-h':
      case '--help':
        usage();
        break;
      case 'kafka':
      case 'registry':
      case 'postgres':
        opts.targets.push(a);
        break;
      case 'all':
        opts.targets.push('kafka', 'registry', 'postgres');
        break;
      default:
        usage(`unknown argument ${a}`);
    }
  }
  if (opts.targets.length === 0) opts.targets.push('kafka', 'registry', 'postgres');
  opts.targets = [...new Set(opts.targets)];
  return opts;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), Math.max(1, ms));
    }),
  ]).finally(() => clearTimeout(timer));
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

class ProcessDied extends Error {}

// One attempt per target: resolves when ready, rejects with the reason otherwise.
const probes = {
  async kafka(opts, budgetMs) {
    const { Kafka, logLevel } = require('kafkajs');
    const kafka = new Kafka({
      clientId: 'infra-wait-ready',
      brokers: opts.brokers.split(',').map((b) => b.trim()).filter(Boolean),
      connectionTimeout: Math.min(1000, budgetMs),
      requestTimeout: Math.max(1000, Math.min(3000, budgetMs)),
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin({ retry: { retries: 0 } });
    try {
      await withTimeout(
        (async () => {
          await admin.connect();
          await admin.listTopics();
        })(),
        budgetMs,
        'kafka listTopics',
      );
    } finally {
      admin.disconnect().catch(() => {});
    }
  },

  async registry(opts, budgetMs) {
    const url = `${opts.registryUrl.replace(/\/+$/, '')}/subjects`;
    const res = await fetch(url, { signal: AbortSignal.timeout(Math.max(1, Math.min(3000, budgetMs))) });
    await res.arrayBuffer().catch(() => {});
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  },

  async postgres(opts, budgetMs) {
    const { Client } = require('pg');
    const client = new Client({
      connectionString: opts.databaseUrl,
      connectionTimeoutMillis: Math.max(1, Math.min(2000, budgetMs)),
    });
    try {
      await withTimeout(
        (async () => {
          await client.connect();
          await client.query('select 1');
        })(),
        budgetMs,
        'postgres select 1',
      );
    } finally {
      client.end().catch(() => {});
    }
  },
};

async function waitFor(target, opts, deadline) {
  const started = Date.now();
  let lastError;
  for (;;) {
    if (opts.pid && !pidAlive(opts.pid)) throw new ProcessDied(`process ${opts.pid} exited while waiting for ${target}`);
    const budget = deadline - Date.now();
    if (budget <= 0) break;
    try {
      await probes[target](opts, budget);
      return Date.now() - started;
    } catch (e) {
      lastError = e;
    }
    const pause = Math.min(POLL_MS, deadline - Date.now());
    if (pause > 0) await sleep(pause);
  }
  const reason = lastError ? lastError.message || String(lastError) : 'no attempt finished';
  throw new Error(`not ready after ${(opts.timeoutMs / 1000).toFixed(1)}s: ${reason}`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const deadline = Date.now() + opts.timeoutMs;
  const results = await Promise.allSettled(opts.targets.map((t) => waitFor(t, opts, deadline)));
  let code = 0;
  results.forEach((r, i) => {
    const t = opts.targets[i];
    if (r.status === 'fulfilled') {
      if (!opts.quiet) console.log(`${t}: ready (${(r.value / 1000).toFixed(1)}s)`);
    } else {
      console.error(`${t}: ${r.reason.message}`);
      code = Math.max(code, r.reason instanceof ProcessDied ? 2 : 1);
    }
  });
  process.exit(code);
}

main().catch((e) => {
  console.error(`wait-ready: ${e.stack || e}`);
  process.exit(1);
});
