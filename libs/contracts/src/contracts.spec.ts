import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_TOPICS } from './topics';
import { toJsonSchema } from './json-schema';

const TOPICS_DIR = path.join(__dirname, 'topics');
const schemaFile = (name: string) => path.join(TOPICS_DIR, name, `${name}.schema.json`);

describe.each(ALL_TOPICS.map((t) => [t.name, t] as const))('%s', (name, topic) => {
  it('has a committed JSON Schema equal to the one generated from zod (run with UPDATE_CONTRACTS=1 to regenerate)', () => {
    const generated = `${JSON.stringify(toJsonSchema(topic), null, 2)}\n`;
    if (process.env.UPDATE_CONTRACTS === '1') fs.writeFileSync(schemaFile(name), generated);
    expect(fs.readFileSync(schemaFile(name), 'utf8')).toBe(generated);
  });

  const fixtures = fs.readdirSync(path.join(TOPICS_DIR, name, 'fixtures'));

  it('has valid and invalid fixtures', () => {
    expect(fixtures.some((f) => f.startsWith('valid.'))).toBe(true);
    expect(fixtures.some((f) => f.startsWith('invalid.'))).toBe(true);
  });

  it.each(fixtures)('fixture %s', (file) => {
    const value = JSON.parse(fs.readFileSync(path.join(TOPICS_DIR, name, 'fixtures', file), 'utf8'));
    const result = topic.schema.safeParse(value);
    expect(result.success).toBe(file.startsWith('valid.'));
    if (result.success) expect(topic.key(result.data as never)).toMatch(/^[a-z0-9-]+:/);
  });
});
