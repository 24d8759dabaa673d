import { z } from 'zod';
import { loadConfig } from '@mlc/platform-config';
import { serviceEnvSchema } from '@mlc/service-kit';

const commaList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .optional();

/** bc-writer's variables on top of every service's (DESIGN.md section 10). */
export const bcWriterEnvSchema = serviceEnvSchema(3002).extend({
  /** Consumer group of `bigcommerce.order-signal.v1`, used as given; unset: KAFKA_GROUP_PREFIX + `bc-writer.orders`. */
  BC_WRITER_ORDER_GROUP: z.string().min(1).optional(),
  /** Consumer group of `businesscentral.customer-changed.v1` (customer cache invalidation); unset: prefixed default. */
  BC_WRITER_CUSTOMER_GROUP: z.string().min(1).optional(),
  /** Serve only these connections (sharding, tests); unset serves every connection in the registry. */
  BC_WRITER_CONNECTIONS: commaList,
  /**
   * Order-topic partitions handled at once, each by a consumer group member of its own in this process; orders of one
   * key stay serial either way. A partition waiting on BC holds back no other as long as the members of all replicas
   * are at least the topic's partitions (6 by default: e.g. 2 replicas x 3); with fewer, a member's partitions take
   * turns. Customer-change events: this many partitions at once in one member.
   */
  BC_WRITER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(3),
  /** How long a kept SKU -> item link is trusted before the item is read again (blocked, deleted). */
  BC_WRITER_ITEM_LINK_TTL_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** How long BC reference data (G/L accounts, currencies, local currency) is cached per connection. */
  BC_WRITER_REFERENCE_TTL_MS: z.coerce.number().int().min(0).default(600_000),
  /** How often parked connections are resumed and unpublished order states are re-sent. */
  BC_WRITER_RESUME_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
});

export type BcWriterConfig = z.infer<typeof bcWriterEnvSchema>;

export function loadBcWriterConfig(env: NodeJS.ProcessEnv = process.env): BcWriterConfig {
  return loadConfig(bcWriterEnvSchema, env);
}
