import { z } from 'zod';
import { loadConfig } from '@mlc/platform-config';
import { serviceEnvSchema } from '@mlc/service-kit';

const ms = (fallback: number, max: number) => z.coerce.number().int().min(0).max(max).default(fallback);

/**
 * catalog-writer's variables beyond the shared service env. Per-connection behaviour (coalescing window, quota share
 * and reserve, drift thresholds) lives in the connection's catalog settings; these are process-level knobs.
 */
export function catalogWriterEnvSchema() {
  return serviceEnvSchema(3003).extend({
    /** Postgres schema of this service (tests use their own). */
    CATALOG_WRITER_DB_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase Postgres identifier')
      .default('catalog_writer'),
    /**
     * The schema holding the operator's SKU mapping table (`sku_mappings`, created by bc-writer, written by
     * `ml-connector mappings sku`): read so SKUs map to the items their orders go to.
     */
    CATALOG_SKU_MAPPINGS_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase Postgres identifier')
      .default('bc_writer'),
    /** How often each connection's mapping table is checked for changes (they send no signal); 0 disables. */
    CATALOG_MAPPINGS_CHECK_MS: ms(30_000, 3_600_000),
    /** Appended to the consumer group ids (`catalog-writer.items` ...); tests use their own groups. */
    CATALOG_WRITER_GROUP_SUFFIX: z.string().regex(/^[A-Za-z0-9._-]*$/).default(''),
    /**
     * The connections this deployment serves (comma-separated ids); all when unset. Lets connections be spread over
     * several deployments, and keeps tests that share the topics apart.
     */
    CATALOG_WRITER_CONNECTIONS: z
      .string()
      .transform((v) => new Set(v.split(',').map((id) => id.trim()).filter(Boolean)))
      .optional(),
    /** How often due coalescing windows are looked for. */
    CATALOG_FLUSH_TICK_MS: z.coerce.number().int().min(10).max(10_000).default(100),
    /** A due window waits while signals keep arriving (the last less than this ago): bursts become full pushes. */
    CATALOG_BURST_QUIET_MS: ms(1000, 60_000),
    /** ... but never longer than this many windows. */
    CATALOG_BURST_MAX_WINDOWS: z.coerce.number().int().min(1).max(100).default(5),
    /** A failed coalesced push is tried again after a back-off growing from this (full jitter). */
    CATALOG_RETRY_BASE_MS: ms(2000, 600_000),
    CATALOG_RETRY_MAX_MS: ms(60_000, 3_600_000),
    /** Full store scan + drift check per connection; 0 disables the job. */
    CATALOG_DRIFT_CHECK_INTERVAL_MS: ms(15 * 60_000, 24 * 3600_000),
    /** SKUs adjusted this recently are left out of drift checks: the store applies adjustments asynchronously. */
    CATALOG_ADJUSTMENT_SETTLE_MS: ms(60_000, 3_600_000),
    /**
     * Drift checks read store levels twice this far apart and correct only SKUs whose level did not move: an order
     * whose event has not arrived yet must not have its stock re-opened by an absolute level.
     */
    CATALOG_LEVELS_STABLE_MS: ms(30_000, 600_000),
    /** Above this many changed items one paged `items?$select=` read replaces the `id eq .. or ..` batches. */
    CATALOG_BC_FULL_READ_THRESHOLD: z.coerce.number().int().min(1).max(100_000).default(400),
    /** BC's local currency when it cannot be read from BC (no customer in local currency). */
    BC_LOCAL_CURRENCY: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter currency code')
      .transform((c) => c.toUpperCase())
      .optional(),
    /** Sales-order mode: one connector sales order is read back from BC at most this often (bursts share reads). */
    CATALOG_SALES_ORDER_READ_INTERVAL_MS: ms(1000, 600_000),
    /** Settled orders are forgotten this long after their last event. */
    CATALOG_COMMITTED_RETENTION_MS: ms(7 * 24 * 3600_000, 365 * 24 * 3600_000),
  });
}

export type CatalogWriterConfig = z.infer<ReturnType<typeof catalogWriterEnvSchema>>;

export function loadCatalogWriterConfig(env: NodeJS.ProcessEnv = process.env): CatalogWriterConfig {
  return loadConfig(catalogWriterEnvSchema(), env);
}
