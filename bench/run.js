#!/usr/bin/env node
// Runs every benchmark under bench/ (each folder's run.sh, or its compiled *.bench.js when it has no run.sh), then
// writes the table of headline figures, each beside its floor or baseline from the same run, into bench/README.md.
//   node bench/run.js [--only sandbox,stack] [--skip ingress] [--collect-only]
// Needs the local stack (make bench starts it). Exit 1 when a benchmark failed (the others still run).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results');
const README = path.join(__dirname, 'README.md');
const ORDER = ['sandbox', 'ingress', 'bc-writer', 'catalog-writer', 'bc-watcher', 'stack'];
const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

const USAGE = `usage: node bench/run.js [--only a,b] [--skip a,b] [--collect-only]

Runs every benchmark under bench/ (${ORDER.join(', ')}), each writing bench/results/<name>.json and .md,
then rewrites the results table in bench/README.md. Needs the local stack (make bench starts it); about half an
hour on two cores.
  --only a,b        run only these benchmarks
  --skip a,b        run all but these
  --collect-only    run nothing: rewrite the table from the results already in bench/results/
  --help            this text`;

function options(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const known = new Set(['--only', '--skip', '--collect-only']);
  for (let i = 0; i < argv.length; i += 1) {
    if (!known.has(argv[i])) {
      process.stderr.write(`bench/run.js: unknown option '${argv[i]}'\n${USAGE}\n`);
      process.exit(2);
    }
    if (argv[i] === '--only' || argv[i] === '--skip') {
      if (!argv[i + 1] || argv[i + 1].startsWith('--')) {
        process.stderr.write(`bench/run.js: ${argv[i]} needs a comma-separated list of benchmarks\n`);
        process.exit(2);
      }
      i += 1;
    }
  }
  const list = (flag) => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] ? argv[i + 1].split(',').map((s) => s.trim()) : undefined;
  };
  return { only: list('--only'), skip: list('--skip') ?? [], collectOnly: argv.includes('--collect-only') };
}

/** Benchmark folders in a stable order: the known ones first, then any other folder with a run.sh or a *.bench.ts. */
function benchmarks() {
  const dirs = fs
    .readdirSync(__dirname, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'results')
    .map((d) => d.name);
  return dirs.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
const rank = (name) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);

function command(name) {
  const dir = path.join(__dirname, name);
  if (fs.existsSync(path.join(dir, 'run.sh'))) return ['bash', [path.join(dir, 'run.sh')]];
  const bench = fs.readdirSync(dir).find((f) => f.endsWith('.bench.ts'));
  if (!bench) return undefined;
  return [process.execPath, [path.join(ROOT, 'dist/bench', name, bench.replace(/\.ts$/, '.js'))]];
}

function runAll(opts) {
  const outcomes = [];
  spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.js')], { cwd: ROOT, stdio: 'inherit' });
  for (const name of benchmarks()) {
    if ((opts.only && !opts.only.includes(name)) || opts.skip.includes(name)) continue;
    const cmd = command(name);
    if (!cmd) continue;
    process.stdout.write(`\n=== bench ${name}: ${path.relative(ROOT, cmd[1][0])}\n`);
    const t0 = Date.now();
    const result = spawnSync(cmd[0], cmd[1], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } });
    const seconds = Math.round((Date.now() - t0) / 1000);
    outcomes.push({ name, ok: result.status === 0, seconds });
    process.stdout.write(`=== bench ${name}: ${result.status === 0 ? 'done' : `FAILED (exit ${result.status})`} in ${seconds} s\n`);
  }
  return outcomes;
}

function main() {
  const opts = options(process.argv.slice(2));
  const outcomes = opts.collectOnly ? [] : runAll(opts);
  const { table } = require('./results-table');
  const text = table(RESULTS, describeMachine());
  const readme = fs.readFileSync(README, 'utf8');
  const at = readme.indexOf(START);
  const end = readme.indexOf(END);
  const next = at >= 0 && end > at ? `${readme.slice(0, at + START.length)}\n${text}\n${readme.slice(end)}` : `${readme.trimEnd()}\n\n${START}\n${text}\n${END}\n`;
  fs.writeFileSync(README, next);
  for (const o of outcomes) process.stdout.write(`${o.ok ? 'ok    ' : 'FAILED'} ${o.name} (${o.seconds} s)\n`);
  process.stdout.write(`bench/README.md: results table updated from ${path.relative(ROOT, RESULTS)}/*.json\n`);
  process.exit(outcomes.every((o) => o.ok) ? 0 : 1);
}

function describeMachine() {
  const cpus = os.cpus();
  return `${cpus[0] ? cpus[0].model : 'unknown CPU'}, ${cpus.length} logical cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
    `${os.type()} ${os.release()}, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} when the table was written`;
}

main();
