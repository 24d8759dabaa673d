#!/usr/bin/env node
// A small Dockerfile linter for this repository's image (hadolint is a Haskell binary that no registry here ships).
// Usage: lint-dockerfile.js [Dockerfile]      lints (default: the repository's Dockerfile)
//        lint-dockerfile.js --self-test       every fixtures/dockerfiles/<RULE>.*.Dockerfile must break exactly <RULE>
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./lib/metrics-catalogue');

const RULES = {
  DF001: 'multi-stage build: at least two FROM stages, the build stages named with AS',
  DF002: 'base images pinned by tag or digest, never untagged or `latest`',
  DF003: 'the final stage runs as a numeric non-root USER (UID >= 10000) and never switches back to root',
  DF004: 'dependencies installed with `npm ci` (never `npm install`)',
  DF005: 'dev dependencies removed (`npm prune --omit=dev` or `npm ci --omit=dev`)',
  DF006: 'the final stage copies its files from a build stage (COPY --from=...)',
  DF007: 'CMD and ENTRYPOINT in exec (JSON array) form',
  DF008: 'COPY instead of ADD',
  DF009: 'every npm workspace manifest (apps/*/package.json) copied before `npm ci`',
  DF010: '.dockerignore keeps node_modules, .git, .tools and dist out of the build context',
  DF011: 'WORKDIR is absolute',
  DF012: 'no secret (key, token, password, database URL) in ENV or ARG',
};

/** Instructions with continuation lines joined, comments and parser directives dropped. */
function instructions(text) {
  const out = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!current && (line === '' || line.startsWith('#'))) continue;
    current += `${line.replace(/\\$/, '')} `;
    if (!line.endsWith('\\')) {
      const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(current.trim());
      out.push({ keyword: keyword.toUpperCase(), args: args.trim() });
      current = '';
    }
  }
  return out;
}

function substitute(value, args) {
  return value.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name) => args[name] ?? m);
}

function lintStages(all, fail) {
  const globalArgs = {};
  for (const ins of all) {
    if (ins.keyword === 'FROM') break;
    const [name, value] = ins.args.split('=');
    if (ins.keyword === 'ARG' && value !== undefined) globalArgs[name] = value;
  }
  const stages = all.filter((i) => i.keyword === 'FROM').map((i) => i.args.split(/\s+/));
  if (stages.length < 2) fail('DF001', `${stages.length} FROM stage(s)`);
  stages.slice(0, -1).forEach((s) => s[1]?.toUpperCase() !== 'AS' && fail('DF001', `unnamed build stage FROM ${s[0]}`));
  const names = new Set(stages.map((s) => s[2]).filter(Boolean));
  for (const [image] of stages) {
    const resolved = substitute(image, globalArgs);
    if (names.has(resolved) || resolved.includes('@sha256:')) continue;
    const tag = /:([^/:]+)$/.exec(resolved)?.[1];
    if (!tag || tag === 'latest' || resolved.includes('$')) fail('DF002', `FROM ${resolved}`);
  }
}

function lintFinalStage(all, fail) {
  const start = all.map((i) => i.keyword).lastIndexOf('FROM');
  const final = all.slice(start + 1);
  const users = final.filter((i) => i.keyword === 'USER').map((i) => i.args.split(':')[0]);
  const last = users.at(-1);
  if (!last || !/^\d+$/.test(last) || Number(last) < 10000) fail('DF003', `final USER is ${last ?? 'missing'}`);
  if (users.some((u) => u === 'root' || u === '0')) fail('DF003', 'switches to root');
  const multiStage = start > all.findIndex((i) => i.keyword === 'FROM');
  if (multiStage && !final.some((i) => i.keyword === 'COPY' && /--from=/.test(i.args))) {
    fail('DF006', 'no COPY --from= in the final stage');
  }
}

function lintCommands(all, fail, root) {
  const runs = all.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  const ciIndex = all.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
  if (ciIndex < 0) fail('DF004', 'no `npm ci`');
  if (runs.some((r) => /\bnpm (install|i)\b/.test(r))) fail('DF004', '`npm install` used');
  if (!runs.some((r) => /npm prune\b.*--omit=dev|npm ci\b.*--omit=dev/.test(r))) fail('DF005', 'dev dependencies kept');
  for (const ins of all) {
    if ((ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') && !ins.args.startsWith('['))
      fail('DF007', `${ins.keyword} ${ins.args}`);
    if (ins.keyword === 'ADD') fail('DF008', `ADD ${ins.args}`);
    if (ins.keyword === 'WORKDIR' && !ins.args.startsWith('/')) fail('DF011', `WORKDIR ${ins.args}`);
    if (
      (ins.keyword === 'ENV' || ins.keyword === 'ARG') &&
      /(KEY|TOKEN|SECRET|PASSWORD|DATABASE_URL)\b/i.test(ins.args)
    ) {
      fail('DF012', `${ins.keyword} ${ins.args.split(/[=\s]/)[0]}`);
    }
  }
  const copiedBeforeCi = all
    .slice(0, Math.max(ciIndex, 0))
    .filter((i) => i.keyword === 'COPY')
    .map((i) => i.args);
  const workspaces = fs.existsSync(path.join(root, 'apps'))
    ? fs.readdirSync(path.join(root, 'apps')).filter((d) => fs.existsSync(path.join(root, 'apps', d, 'package.json')))
    : [];
  for (const dir of ciIndex < 0 ? [] : workspaces) {
    if (!copiedBeforeCi.some((c) => c.includes(`apps/${dir}/package.json`))) fail('DF009', `apps/${dir}/package.json`);
  }
}

function lintDockerignore(root, fail) {
  const file = path.join(root, '.dockerignore');
  const entries = fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
    : [];
  for (const needed of ['node_modules', '.git', '.tools', 'dist']) {
    if (!entries.includes(needed)) fail('DF010', `.dockerignore lacks ${needed}`);
  }
}

/** @returns {Array<{rule: string, detail: string}>} */
function lint(file, root = ROOT) {
  const found = [];
  const fail = (rule, detail) => found.push({ rule, detail });
  const all = instructions(fs.readFileSync(file, 'utf8'));
  lintStages(all, fail);
  lintFinalStage(all, fail);
  lintCommands(all, fail, root);
  lintDockerignore(root, fail);
  return found;
}

function selfTest() {
  const dir = path.join(__dirname, 'fixtures/dockerfiles');
  const problems = [];
  const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.Dockerfile'));
  for (const fixture of fixtures) {
    const expected = fixture.split('.')[0];
    const rules = [...new Set(lint(path.join(dir, fixture)).map((f) => f.rule))];
    if (rules.length !== 1 || rules[0] !== expected)
      problems.push(`${fixture}: expected only ${expected}, got ${rules.join(', ') || 'none'}`);
  }
  for (const problem of problems) console.error(`dockerfile self-test: ${problem}`);
  console.log(`dockerfile self-test: ${fixtures.length} fixtures, ${problems.length} problems`);
  return problems.length === 0;
}

function main() {
  if (process.argv[2] === '--self-test') process.exit(selfTest() ? 0 : 1);
  const file = process.argv[2] ?? path.join(ROOT, 'Dockerfile');
  const found = lint(file);
  for (const { rule, detail } of found) console.error(`dockerfile: ${rule} ${RULES[rule]}: ${detail}`);
  console.log(
    `dockerfile: ${Object.keys(RULES).length} rules, ${found.length} problems in ${path.relative(ROOT, file)}`,
  );
  process.exit(found.length > 0 ? 1 : 0);
}

main();
