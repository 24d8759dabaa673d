import { execFileSync, execSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');

/**
 * ESLint loads its flat config with a dynamic import, which Jest's VM cannot run, so the snippets are linted in one
 * child process with the real configuration and the real Nx project graph.
 */
const LINT_SNIPPETS = `
const { ESLint } = require('eslint');
const cases = JSON.parse(process.argv[1]);
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const [file, code] of cases) {
    const [result] = await eslint.lintText(code, { filePath: file });
    out.push(result.messages.filter((m) => m.severity === 2).map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

const cases: Array<[string, string]> = [];
let results: string[][] = [];

function errorsFor(file: string, code: string): () => string[] {
  const index = cases.push([path.join(root, file), code]) - 1;
  return () => results[index]!;
}

beforeAll(() => {
  execSync('npx nx show projects', { cwd: root, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  results = JSON.parse(execFileSync(process.execPath, ['-e', LINT_SNIPPETS, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' }));
}, 120_000);

describe('module boundaries (lint)', () => {
  it.each([
    ['a domain lib importing an adapter', 'libs/orders/src/x.ts', "import { createBigCommerceApi } from '@mlc/bigcommerce';\nexport const x = createBigCommerceApi;"],
    ['a domain lib importing the Kafka platform', 'libs/catalog/src/x.ts', "import { EventProducer } from '@mlc/platform-kafka';\nexport const x = EventProducer;"],
    ['a domain lib importing Nest', 'libs/orders/src/x.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;"],
    ['a domain lib importing TypeORM', 'libs/catalog/src/x.ts', "import { DataSource } from 'typeorm';\nexport const x = DataSource;"],
    ['a domain lib doing HTTP', 'libs/orders/src/x.ts', "import { request } from 'node:http';\nexport const x = request;"],
    ['an adapter importing another adapter', 'libs/bigcommerce/src/x.ts', "import { createBusinessCentral } from '@mlc/business-central';\nexport const x = createBusinessCentral;"],
    ['a platform lib importing a domain', 'libs/platform/kafka/src/x.ts', "import { contentHash } from '@mlc/orders';\nexport const x = contentHash;"],
    ['production code importing test helpers', 'libs/platform/kafka/src/x.ts', "import { uniqueName } from '@mlc/testing';\nexport const x = uniqueName;"],
    ['reading env outside a config file', 'libs/platform/kafka/src/x.ts', 'export const x = process.env.FOO;'],
  ].map(([name, file, code]) => [name, errorsFor(file!, code!)] as const))('refuse %s', (_name, errors) => {
    expect(errors()).not.toEqual([]);
  });

  const adapterUsingDomain = errorsFor(
    'libs/business-central/src/x.ts',
    "import { contentHash } from '@mlc/orders';\nimport { retry } from '@mlc/platform-resilience';\nexport const x = [contentHash, retry];",
  );
  const testUsingHelpers = errorsFor(
    'libs/platform/kafka/src/x.int-spec.ts',
    "import { uniqueName } from '@mlc/testing';\nexport const x = uniqueName;",
  );

  it('allow an adapter to use a domain lib and the platform', () => {
    expect(adapterUsingDomain()).toEqual([]);
  });

  it('allow tests of a platform lib to use the test helpers', () => {
    expect(testUsingHelpers()).toEqual([]);
  });
});
