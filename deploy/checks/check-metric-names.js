#!/usr/bin/env node
// Every metric name used by a dashboard, an alert rule (and its tests) or the chart must be in docs/metrics.md
// (histogram series via _bucket/_sum/_count), and every label in a selector must be one the metric declares or one
// the scrape adds. Usage: check-metric-names.js [files...] (default: the files of deploy/).
'use strict';
const fs = require('node:fs');
const {
  TARGET_LABELS,
  deployFiles,
  readCatalogue,
  resolve,
  selectorLabels,
  usedNames,
} = require('./lib/metrics-catalogue');

function main() {
  const files = process.argv.length > 2 ? process.argv.slice(2) : deployFiles();
  const catalogue = readCatalogue();
  const used = usedNames(files);
  const problems = [];
  for (const [name, where] of used) {
    if (!resolve(name, catalogue))
      problems.push(`${name} is not in docs/metrics.md (used in ${[...where].join(', ')})`);
  }
  for (const file of files) {
    for (const [metric, label] of selectorLabels(fs.readFileSync(file, 'utf8'))) {
      const entry = resolve(metric, catalogue);
      if (!entry || entry.labels === null) continue;
      const allowed = [...entry.labels, ...TARGET_LABELS, ...(metric.endsWith('_bucket') ? ['le'] : [])];
      if (!allowed.includes(label)) problems.push(`${metric} has no label "${label}" (${file})`);
    }
  }
  for (const problem of [...new Set(problems)]) console.error(`metric-names: ${problem}`);
  console.log(`metric-names: ${used.size} names in ${files.length} files, ${new Set(problems).size} problems`);
  process.exit(problems.length > 0 ? 1 : 0);
}

main();
