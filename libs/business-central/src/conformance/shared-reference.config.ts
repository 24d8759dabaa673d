import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/*
 * The official API descriptions live outside the repository (they are never copied in): in
 * `${ML_SHARED_DIR}/reference/`, or `<repo root>/../shared/reference/` when ML_SHARED_DIR is unset. A missing folder
 * is an error that says where it looked: a conformance check without its reference must never pass.
 */

/** The `reference/` folder of the shared directory. */
export function sharedReferenceDir(): string {
  const shared = process.env['ML_SHARED_DIR'] ?? join(repoRoot(), '..', 'shared');
  return resolve(shared, 'reference');
}

/** Absolute path of `relative` under the shared reference folder; throws a loud error when it is absent. */
export function requireReference(relative: string): string {
  const path = join(sharedReferenceDir(), relative);
  if (!existsSync(path)) {
    throw new Error(
      `official API description not found: ${path}. The conformance tests read it at test time and cannot ` +
        `run without it: set ML_SHARED_DIR to the folder that holds reference/ (default <repo root>/../shared).`,
    );
  }
  return path;
}

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`repository root (nx.json) not found above ${__dirname}`);
    dir = up;
  }
  return dir;
}
