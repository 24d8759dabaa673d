import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { loadConfig } from '@mlc/platform-config';
import { serviceEnvSchema } from '@mlc/service-kit';

const ms = (fallback: number, min = 50) => z.coerce.number().int().min(min).default(fallback);
const optionalMs = (min = 50) => z.coerce.number().int().min(min).optional();

/** bc-watcher's environment: the shared service variables plus its schedules and lease. */
export const watcherEnvSchema = serviceEnvSchema(3001).extend({
  /** Base interval of the delta polls and stock scans (the sandbox setup runs them every 30 s). */
  WATCH_INTERVAL_MS: ms(30_000),
  /** Overrides per job family; each defaults to WATCH_INTERVAL_MS. */
  WATCH_POLL_INTERVAL_MS: optionalMs(),
  WATCH_SCAN_INTERVAL_MS: optionalMs(),
  /** How often subscriptions and hooks are checked (and healed). */
  WATCH_HEALTH_INTERVAL_MS: optionalMs(),
  /** Delta polls re-read this far behind their watermark; duplicates inside it are filtered and harmless. */
  WATCH_OVERLAP_MS: ms(120_000, 0),
  /** Where a stream without a watermark starts, behind now. */
  WATCH_INITIAL_LOOKBACK_MS: ms(0, 0),
  /** A BC subscription is renewed once less than this is left of its three days. */
  WATCH_RENEW_BEFORE_MS: ms(36 * 3600_000, 60_000),
  /** The scheduler lease: a replica that stops renewing loses its connections after this long. */
  WATCH_LEASE_TTL_MS: ms(30_000, 1000),
  /** How often the scheduler looks for due work (rescan requests are picked up within one tick). */
  WATCH_TICK_MS: ms(1000),
  /** Comma-separated connection ids this replica may watch; all registered connections when unset. */
  WATCH_CONNECTIONS: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .optional(),
  /** Names this replica in the lease table. */
  WATCH_INSTANCE_ID: z.string().min(1).max(200).optional(),
  /** Consumer group of the rescan-requested consumer. */
  WATCH_CONSUMER_GROUP: z.string().min(1).default('bc-watcher'),
});

export type WatcherEnv = z.infer<typeof watcherEnvSchema>;

/** Resolved schedules, in milliseconds. */
export interface WatchSchedule {
  readonly pollMs: number;
  readonly scanMs: number;
  readonly healthMs: number;
  readonly overlapMs: number;
  readonly initialLookbackMs: number;
  readonly renewBeforeMs: number;
  readonly leaseTtlMs: number;
  readonly tickMs: number;
}

export interface WatcherConfig {
  readonly env: WatcherEnv;
  readonly schedule: WatchSchedule;
  readonly instanceId: string;
  readonly connections?: readonly string[];
  readonly consumerGroup: string;
}

/** Parses env once (a ConfigError names the bad variable) and resolves the defaults that depend on each other. */
export function loadWatcherConfig(source: NodeJS.ProcessEnv = process.env): WatcherConfig {
  const env = loadConfig(watcherEnvSchema, source);
  return {
    env,
    schedule: {
      pollMs: env.WATCH_POLL_INTERVAL_MS ?? env.WATCH_INTERVAL_MS,
      scanMs: env.WATCH_SCAN_INTERVAL_MS ?? env.WATCH_INTERVAL_MS,
      healthMs: env.WATCH_HEALTH_INTERVAL_MS ?? env.WATCH_INTERVAL_MS,
      overlapMs: env.WATCH_OVERLAP_MS,
      initialLookbackMs: env.WATCH_INITIAL_LOOKBACK_MS,
      renewBeforeMs: env.WATCH_RENEW_BEFORE_MS,
      leaseTtlMs: env.WATCH_LEASE_TTL_MS,
      tickMs: env.WATCH_TICK_MS,
    },
    instanceId: env.WATCH_INSTANCE_ID ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    connections: env.WATCH_CONNECTIONS,
    consumerGroup: env.WATCH_CONSUMER_GROUP,
  };
}
