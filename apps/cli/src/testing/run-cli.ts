import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '@mlc/testing';

const MAIN = path.join(repoRoot(), 'dist/apps/cli/src/main.js');

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the compiled CLI like an operator would, with the given environment on top of the test's. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, input?: string): CliRun {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "make build" before the integration tests`);
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
