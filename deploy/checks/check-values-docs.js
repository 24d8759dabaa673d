#!/usr/bin/env node
// values.yaml and values.schema.json describe the same values: every key of the chart's own (closed) objects has a
// default in values.yaml with a `# -- ` comment on the line above it, and values.yaml has no key the schema lacks.
// Open objects (labels, resources, security contexts: no `additionalProperties: false`) hold the user's data or
// Kubernetes fields passed through, documented by the comment on the object itself.
// Usage: check-values-docs.js [chart dir] (default: deploy/helm/ml-connector)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./lib/metrics-catalogue');

function schemaAt(schema, root, keys) {
  let node = schema;
  for (const key of keys) {
    if (node?.$ref) node = root.definitions[node.$ref.replace('#/definitions/', '')];
    node = node?.properties?.[key];
    if (!node) return undefined;
  }
  return node?.$ref ? root.definitions[node.$ref.replace('#/definitions/', '')] : node;
}

/**
 * Keys of values.yaml as paths, each with whether the comment block right above it opens with `# -- `.
 * Block lists are not used in values.yaml, so indentation alone gives the path.
 */
function valuesKeys(text) {
  const keys = [];
  const stack = [];
  let block = [];
  for (const line of text.split('\n')) {
    const match = /^(\s*)([A-Za-z0-9_.-]+):(\s|$)/.exec(line);
    if (match) {
      const indent = match[1].length;
      while (stack.length > 0 && stack.at(-1).indent >= indent) stack.pop();
      stack.push({ indent, key: match[2] });
      keys.push({ path: stack.map((s) => s.key), documented: /^\s*# -- \S/.test(block[0] ?? '') });
    }
    block = /^\s*#/.test(line) ? [...block, line] : [];
  }
  return keys;
}

function schemaPaths(node, root, prefix = []) {
  const resolved = node.$ref ? root.definitions[node.$ref.replace('#/definitions/', '')] : node;
  if (!resolved.properties || resolved.additionalProperties !== false) return [];
  return Object.entries(resolved.properties)
    .filter(([key]) => key !== 'global')
    .flatMap(([key, child]) => [[...prefix, key], ...schemaPaths(child, root, [...prefix, key])]);
}

function main() {
  const chart = process.argv[2] ?? path.join(ROOT, 'deploy/helm/ml-connector');
  const schema = JSON.parse(fs.readFileSync(path.join(chart, 'values.schema.json'), 'utf8'));
  const problems = [];
  const seen = new Set();
  let checked = 0;
  for (const { path: keys, documented } of valuesKeys(fs.readFileSync(path.join(chart, 'values.yaml'), 'utf8'))) {
    const parent = schemaAt(schema, schema, keys.slice(0, -1));
    if (keys.length > 1 && parent?.additionalProperties !== false) continue;
    checked += 1;
    seen.add(keys.join('.'));
    if (!schemaAt(schema, schema, keys))
      problems.push(`${keys.join('.')} is in values.yaml but not in values.schema.json`);
    if (!documented) problems.push(`${keys.join('.')} has no "# -- " comment on the line above it`);
  }
  for (const keys of schemaPaths(schema, schema)) {
    if (!seen.has(keys.join('.')))
      problems.push(`${keys.join('.')} is in values.schema.json but has no default in values.yaml`);
  }
  for (const problem of problems) console.error(`values-docs: ${problem}`);
  console.log(`values-docs: ${checked} values checked, ${problems.length} problems`);
  process.exit(problems.length > 0 ? 1 : 0);
}

main();
