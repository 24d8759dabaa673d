#!/usr/bin/env node
// Structure of the Grafana dashboards: valid JSON, unique uids and panel ids, panels inside the 24-column grid and
// not overlapping, the Prometheus data source variable on every query, only defined variables referenced. With
// --promql-out <file> it also writes every query as a recording rule, so that promtool can check the PromQL.
// Usage: check-dashboards.js [--promql-out file] [dashboard.json...] (default: deploy/grafana/dashboards/*.json)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./lib/metrics-catalogue');

/** Grafana's own variables, replaced by plausible values so promtool can parse the queries. */
const BUILTIN = { __rate_interval: '5m', __range: '6h', __interval: '1m' };

function checkPanel(panel, ctx) {
  const where = `${ctx.file} panel ${panel.id} "${panel.title}"`;
  const { x, y, w, h } = panel.gridPos ?? {};
  if (![x, y, w, h].every(Number.isInteger) || x < 0 || w < 1 || x + w > 24 || h < 1)
    ctx.fail(`${where}: gridPos outside the grid`);
  if (ctx.ids.has(panel.id)) ctx.fail(`${where}: duplicate panel id`);
  ctx.ids.add(panel.id);
  for (let row = y; row < y + h; row += 1) {
    for (let col = x; col < x + w; col += 1) {
      const cell = `${row}:${col}`;
      if (ctx.cells.has(cell)) ctx.fail(`${where}: overlaps panel ${ctx.cells.get(cell)}`);
      ctx.cells.set(cell, panel.id);
    }
  }
  if (panel.type === 'row') return;
  if (!panel.title || !panel.description) ctx.fail(`${where}: needs a title and a description`);
  if (panel.datasource?.uid !== '${datasource}') ctx.fail(`${where}: datasource must be the \${datasource} variable`);
  if (!Array.isArray(panel.targets) || panel.targets.length === 0) ctx.fail(`${where}: has no queries`);
  const refIds = new Set();
  for (const t of panel.targets ?? []) {
    if (!t.expr || !t.refId || refIds.has(t.refId)) ctx.fail(`${where}: every query needs an expr and a unique refId`);
    refIds.add(t.refId);
    ctx.exprs.push({ expr: t.expr, where });
  }
}

function checkVariables(dashboard, ctx) {
  const defined = new Set((dashboard.templating?.list ?? []).map((v) => v.name));
  if (!defined.has('datasource')) ctx.fail(`${ctx.file}: no datasource variable`);
  const queries = [
    ...ctx.exprs.map((e) => e.expr),
    ...(dashboard.templating?.list ?? []).map((v) => v.query?.query ?? ''),
  ];
  for (const text of queries) {
    for (const [, name] of text.matchAll(/\$\{?([a-zA-Z_][a-zA-Z0-9_]*)/g)) {
      if (!defined.has(name) && !(name in BUILTIN)) ctx.fail(`${ctx.file}: query uses undefined variable $${name}`);
    }
  }
}

function toPromql(expr) {
  return expr
    .replace(/\$\{?(__[a-z_]+)\}?/g, (m, name) => BUILTIN[name] ?? m)
    .replace(/\$\{?([a-zA-Z_][a-zA-Z0-9_]*)\}?/g, '.*');
}

function main() {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--promql-out');
  const promqlOut = outIndex >= 0 ? args.splice(outIndex, 2)[1] : undefined;
  const dir = path.join(ROOT, 'deploy/grafana/dashboards');
  const files =
    args.length > 0
      ? args
      : fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .map((f) => path.join(dir, f));
  const problems = [];
  const uids = new Set();
  const rules = [];
  for (const file of files) {
    const ctx = {
      file: path.basename(file),
      ids: new Set(),
      cells: new Map(),
      exprs: [],
      fail: (m) => problems.push(m),
    };
    let dashboard;
    try {
      dashboard = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push(`${ctx.file}: not valid JSON (${err.message})`);
      continue;
    }
    if (!dashboard.uid || uids.has(dashboard.uid)) problems.push(`${ctx.file}: missing or duplicate uid`);
    uids.add(dashboard.uid);
    if (!dashboard.title || !Number.isInteger(dashboard.schemaVersion))
      problems.push(`${ctx.file}: needs title and schemaVersion`);
    for (const panel of dashboard.panels ?? []) checkPanel(panel, ctx);
    checkVariables(dashboard, ctx);
    ctx.exprs.forEach(({ expr }, i) =>
      rules.push({ record: `dashboard:${dashboard.uid.replace(/-/g, '_')}:q${i}`, expr: toPromql(expr) }),
    );
  }
  if (promqlOut)
    fs.writeFileSync(promqlOut, JSON.stringify({ groups: [{ name: 'dashboard-queries', rules }] }, null, 2));
  for (const problem of problems) console.error(`dashboards: ${problem}`);
  console.log(`dashboards: ${files.length} dashboards, ${rules.length} queries, ${problems.length} problems`);
  process.exit(problems.length > 0 ? 1 : 0);
}

main();
