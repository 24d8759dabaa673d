#!/usr/bin/env node
// Entry point for `npx ml-connector`: runs the compiled CLI (make build compiles it to dist/).
const path = require('node:path');
const fs = require('node:fs');

const main = path.resolve(__dirname, '../../../dist/apps/cli/src/main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('ml-connector: the CLI is not built yet; run "make build" in the repository root first\n');
  process.exit(2);
}
require(main);
