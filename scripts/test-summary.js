#!/usr/bin/env node
// Reads Jest --json result files (and {suite, passed, failed} files of other checks) and prints one closing line: "tests: N passed, N failed".
const fs = require('node:fs');
let passed = 0;
let failed = 0;
let pending = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.error(`test-summary: ${file} is missing (that tier did not finish)`);
    failed += 1;
    continue;
  }
  const result = JSON.parse(fs.readFileSync(file, 'utf8'));
  if ('suite' in result) {
    // A non-Jest check suite (deploy checks) writes {suite, passed, failed}.
    passed += result.passed;
    failed += result.failed;
    continue;
  }
  passed += result.numPassedTests;
  failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
  pending += result.numPendingTests + result.numTodoTests;
}
console.log(`tests: ${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
