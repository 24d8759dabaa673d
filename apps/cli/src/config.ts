import { z } from 'zod';
import { infraEnv, loadConfig } from '@mlc/platform-config';

const cliEnv = z.object({ ...infraEnv, LOG_LEVEL: infraEnv.LOG_LEVEL.default('warn') });
export type CliConfig = z.infer<typeof cliEnv>;

/** The CLI reads the same variables as the services (DESIGN.md section 10). */
export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  return loadConfig(cliEnv, env);
}
