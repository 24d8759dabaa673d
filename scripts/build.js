#!/usr/bin/env node
// Compiles apps/ and libs/ to dist/ with SWC (aliases rewritten to relative requires), skipping tests.
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');
const { swcOptions, root } = require('./swc-options');

const SOURCE_DIRS = ['apps', 'libs', 'bench'];
const SKIP = /(\.spec|\.int-spec|\.e2e-spec|\.d)\.ts$/;

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

async function main() {
  const started = Date.now();
  const options = swcOptions({ rewritePaths: true });
  let compiled = 0;
  let copied = 0;
  for (const top of SOURCE_DIRS) {
    const dir = path.join(root, top);
    if (!fs.existsSync(dir)) continue;
    for (const file of walk(dir)) {
      const rel = path.relative(root, file);
      const out = path.join(root, 'dist', rel);
      if (file.endsWith('.ts') && !SKIP.test(file)) {
        const result = await swc.transformFile(file, { ...options, filename: file, outputPath: out.replace(/\.ts$/, '.js') });
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out.replace(/\.ts$/, '.js'), `${result.code}\n//# sourceMappingURL=${path.basename(out).replace(/\.ts$/, '.js.map')}\n`);
        if (result.map) fs.writeFileSync(out.replace(/\.ts$/, '.js.map'), result.map);
        compiled += 1;
      } else if (/\.(json|sql|csv)$/.test(file) && !file.includes('__fixtures__')) {
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.copyFileSync(file, out);
        copied += 1;
      }
    }
  }
  console.log(`build: ${compiled} files compiled, ${copied} assets copied in ${Date.now() - started} ms`);
}

main().catch((err) => {
  console.error(`build failed: ${err.message}`);
  process.exit(1);
});
