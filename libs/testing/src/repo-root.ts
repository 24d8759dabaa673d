import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from source (ts-jest) or compiled (dist/) locations alike. */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (dir !== path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ml-connector') return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`repository root not found above ${from}`);
}
