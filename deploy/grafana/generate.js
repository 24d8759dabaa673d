#!/usr/bin/env node
// Writes dashboards/<name>.json from src/<name>.dashboard.js. With --check it writes nothing and exits 1 when a
// committed JSON file differs from its definition (or has no definition), so the two never drift apart.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const SRC = path.join(__dirname, 'src');
const OUT = path.join(__dirname, 'dashboards');

function render() {
  const files = new Map();
  for (const file of fs
    .readdirSync(SRC)
    .filter((f) => f.endsWith('.dashboard.js'))
    .sort()) {
    const name = file.replace(/\.dashboard\.js$/, '');
    files.set(`${name}.json`, `${JSON.stringify(require(path.join(SRC, file)), null, 2)}\n`);
  }
  return files;
}

function main() {
  const check = process.argv.includes('--check');
  const wanted = render();
  const present = fs.existsSync(OUT) ? fs.readdirSync(OUT).filter((f) => f.endsWith('.json')) : [];
  const problems = [];
  for (const [file, text] of wanted) {
    const target = path.join(OUT, file);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === text) continue;
    if (check) problems.push(`${file} differs from src/ (run: node deploy/grafana/generate.js)`);
    else fs.writeFileSync(target, text);
  }
  for (const file of present.filter((f) => !wanted.has(f))) {
    if (check) problems.push(`${file} has no definition in src/`);
    else fs.rmSync(path.join(OUT, file));
  }
  if (problems.length > 0) {
    for (const problem of problems) console.error(`dashboards: ${problem}`);
    process.exit(1);
  }
  console.log(`dashboards: ${wanted.size} ${check ? 'up to date' : 'written'}`);
}

main();
