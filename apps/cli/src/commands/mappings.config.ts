import { z } from 'zod';
import { infraEnv, loadConfig, secretsEnv, systemsEnv } from '@mlc/platform-config';

const mappingsEnv = z.object({
  ...infraEnv,
  ...secretsEnv,
  ...systemsEnv,
  LOG_LEVEL: infraEnv.LOG_LEVEL.default('warn'),
});
export type MappingsConfig = z.infer<typeof mappingsEnv>;

/**
 * `mappings` reads the connection registry (credentials sealed under MASTER_KEY, needed to check items in BC) and
 * bc-writer's tables in the same database the services use.
 */
export function loadMappingsConfig(env: NodeJS.ProcessEnv = process.env): MappingsConfig {
  return loadConfig(mappingsEnv, env);
}
