import { z } from 'zod';
import { envConnection, infraEnv, loadConfig, port, secretsEnv, systemsEnv } from '@mlc/platform-config';

/** What every service reads (DESIGN.md section 10) plus its HTTP port and its share of the external API budgets. */
export function serviceEnvSchema(defaultPort: number) {
  return z.object({
    ...infraEnv,
    ...secretsEnv,
    ...systemsEnv,
    ...envConnection,
    HTTP_PORT: port(defaultPort),
    /** This service's share of the store's BigCommerce quota, in (0, 1]. */
    BIGCOMMERCE_QUOTA_SHARE: z.coerce.number().gt(0).max(1).default(0.25),
    /** This service's share of the BC API user's limits (5 concurrent, 6000 per 5 minutes in all). */
    BC_MAX_CONCURRENT: z.coerce.number().int().min(1).max(5).default(2),
    BC_REQUESTS_PER_5_MIN: z.coerce.number().int().min(1).max(6000).default(2000),
    /**
     * The window BC_REQUESTS_PER_5_MIN is counted over: BC's sliding 5 minutes. Shorter only against a sandbox whose
     * throttle window is scaled down (benchmarks), so both count over the same window.
     */
    BC_RATE_WINDOW_MS: z.coerce.number().int().min(1000).max(300_000).default(300_000),
    /** Prefix of every consumer group id (isolates a test run or a second deployment sharing one broker). */
    KAFKA_GROUP_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/).default(''),
    /** Where a consumer group with no committed offsets starts: the whole log, or only what arrives from now on. */
    KAFKA_START_FROM: z.enum(['earliest', 'latest']).default('earliest'),
    /** Apply the service's database migrations, then exit (the Helm migrations Job). */
    MIGRATE_ONLY: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
  });
}

export type ServiceConfig = z.infer<ReturnType<typeof serviceEnvSchema>>;

export function loadServiceConfig(defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return loadConfig(serviceEnvSchema(defaultPort), env);
}
