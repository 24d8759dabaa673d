// The metrics contract (docs/metrics.md) and the metric names that deploy/ uses, shared by the deploy checks and
// scripts/check-metrics-exposed.js.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../../..');
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];
const NAME = /ml_connector_[a-z0-9_]*[a-z0-9]/g;
/** Labels Prometheus or the scrape config add to every series, besides the ones a metric declares. */
const TARGET_LABELS = ['namespace', 'job', 'instance', 'pod', 'service', 'container', 'endpoint'];

/**
 * Reads the catalogue table: one row per metric, `ml_connector_process_*` as a prefix entry.
 * @returns {{metrics: Map<string, {type: string, labels: string[]}>, prefixes: string[]}}
 */
function readCatalogue(file = path.join(ROOT, 'docs/metrics.md')) {
  const metrics = new Map();
  const prefixes = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const match = /^`(ml_connector_[a-z0-9_]+)(\*)?`$/.exec(cells[1] ?? '');
    if (!match) continue;
    if (match[2]) prefixes.push(match[1]);
    else
      metrics.set(match[1], {
        type: cells[2],
        labels: cells[3]
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean),
      });
  }
  if (metrics.size === 0) throw new Error(`no metric rows found in ${file}`);
  return { metrics, prefixes };
}

/** The catalogue entry a used name refers to (histogram series resolve to their histogram), or undefined. */
function resolve(name, catalogue) {
  if (catalogue.metrics.has(name)) return { base: name, ...catalogue.metrics.get(name) };
  for (const suffix of HISTOGRAM_SUFFIXES) {
    const base = name.slice(0, -suffix.length);
    const entry = name.endsWith(suffix) ? catalogue.metrics.get(base) : undefined;
    if (entry?.type === 'histogram') return { base, ...entry };
  }
  if (catalogue.prefixes.some((prefix) => name.startsWith(prefix)))
    return { base: name, type: 'various', labels: null };
  return undefined;
}

/** Every `ml_connector_*` name in the given files, with the files that use it. */
function usedNames(files) {
  const used = new Map();
  for (const file of files) {
    for (const name of fs.readFileSync(file, 'utf8').match(NAME) ?? []) {
      if (!used.has(name)) used.set(name, new Set());
      used.get(name).add(path.relative(ROOT, file));
    }
  }
  return used;
}

/** Every `metric{label op "value", ...}` selector in a text, as [metric, label] pairs. */
function selectorLabels(text) {
  const pairs = [];
  for (const [, metric, body] of text.matchAll(/(ml_connector_[a-z0-9_]*[a-z0-9])\{([^}]*)\}/g)) {
    for (const [, label] of body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)) pairs.push([metric, label]);
  }
  return pairs;
}

/** The files of deploy/ whose metric names must match the catalogue: dashboards, rules and their tests, the chart. */
function deployFiles() {
  const walk = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) return [];
      return entry.isDirectory() ? walk(full) : [full];
    });
  const dirs = ['deploy/grafana/dashboards', 'deploy/prometheus', 'deploy/helm/ml-connector/templates'];
  return dirs.flatMap((dir) => walk(path.join(ROOT, dir))).filter((f) => /\.(json|ya?ml|tpl)$/.test(f));
}

module.exports = { ROOT, TARGET_LABELS, deployFiles, readCatalogue, resolve, selectorLabels, usedNames };
