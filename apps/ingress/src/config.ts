import { z } from 'zod';
import { ConfigError, loadConfig } from '@mlc/platform-config';
import { serviceEnvSchema, ServiceConfig } from '@mlc/service-kit';

const positiveInt = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** The variables every service reads (libs/service-kit), plus ingress's own. */
const ingressEnv = serviceEnvSchema(3000).extend({
  /** INGRESS_PORT wins over HTTP_PORT; both default to 3000 (DESIGN.md 10). */
  INGRESS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** How long a delivery id or payload hash is remembered for de-duplication, and how many are kept at most. */
  DEDUP_TTL_SECONDS: positiveInt(15 * 60, 7 * 24 * 3600),
  DEDUP_MAX_ENTRIES: positiveInt(200_000, 10_000_000),
  /** A delivery not acknowledged by the broker within this is answered 503 (it may still be written: see dedup). */
  PUBLISH_TIMEOUT_MS: positiveInt(5000, 120_000),
  /**
   * How long an idle producer waits for more deliveries to share a produce request (Kafka's linger.ms). kafkajs spends
   * a few hundred microseconds of CPU per produce request and a few per record, so sharing requests is what keeps a
   * busy core from queueing.
   */
  KAFKA_LINGER_MS: z.coerce.number().int().min(0).max(100).default(5),
  /**
   * Idempotent producers working side by side, each with one request in flight (which idempotence requires): with two,
   * a batch leaves while the previous one waits for the broker, so a delivery waits for one round trip, not two.
   */
  KAFKA_PRODUCERS: z.coerce.number().int().min(1).max(8).default(2),
  /** Sent as Retry-After (seconds) with every 503. */
  RETRY_AFTER_SECONDS: positiveInt(30, 3600),
  /** BC notification bodies: 1000 entries of up to ~1 KiB each fit with room to spare. */
  BC_MAX_BODY_BYTES: positiveInt(2 * 1024 * 1024, 64 * 1024 * 1024),
  /** How long connection settings and secrets are served from memory before a background refresh. */
  CONNECTION_CACHE_MS: positiveInt(5000, 3_600_000),
});

type IngressEnv = z.infer<typeof ingressEnv>;

/**
 * The env connection (DESIGN.md 10), present only when CONNECTION_ID is set; libs/service-kit registers it at boot.
 * Without BC_COMPANY_ID the environment's only company is used.
 */
export interface EnvConnectionConfig {
  readonly id: string;
  readonly storeHash: string;
  readonly accessToken: string;
  readonly clientSecret: string;
  readonly tenantId: string;
  readonly environment: string;
  readonly companyId?: string;
  readonly bcClientId: string;
  readonly bcClientSecret: string;
}

export interface IngressConfig {
  /** The shared service variables as libs/service-kit reads them. */
  readonly env: ServiceConfig;
  readonly host: string;
  readonly port: number;
  readonly logLevel: IngressEnv['LOG_LEVEL'];
  readonly kafkaBrokers: string[];
  readonly schemaRegistryUrl: string;
  readonly databaseUrl: string;
  readonly masterKey: string;
  readonly envConnection?: EnvConnectionConfig;
  readonly dedupTtlMs: number;
  readonly dedupMaxEntries: number;
  readonly publishTimeoutMs: number;
  readonly lingerMs: number;
  readonly producers: number;
  readonly retryAfterSeconds: number;
  readonly bcMaxBodyBytes: number;
  readonly connectionCacheMs: number;
}

const ENV_CONNECTION_VARIABLES = [
  'BIGCOMMERCE_STORE_HASH',
  'BIGCOMMERCE_ACCESS_TOKEN',
  'BIGCOMMERCE_CLIENT_SECRET',
  'BC_TENANT_ID',
  'BC_ENVIRONMENT',
  'BC_CLIENT_ID',
  'BC_CLIENT_SECRET',
] as const;

/** Parses the environment once; throws ConfigError naming the first bad variable (never its value). */
export function loadIngressConfig(env: NodeJS.ProcessEnv = process.env): IngressConfig {
  const e = loadConfig(ingressEnv, env);
  return {
    env: e,
    host: e.BIND_HOST,
    port: e.INGRESS_PORT ?? e.HTTP_PORT,
    logLevel: e.LOG_LEVEL,
    kafkaBrokers: e.KAFKA_BROKERS,
    schemaRegistryUrl: e.SCHEMA_REGISTRY_URL,
    databaseUrl: e.DATABASE_URL,
    masterKey: e.MASTER_KEY,
    envConnection: envConnectionOf(e),
    dedupTtlMs: e.DEDUP_TTL_SECONDS * 1000,
    dedupMaxEntries: e.DEDUP_MAX_ENTRIES,
    publishTimeoutMs: e.PUBLISH_TIMEOUT_MS,
    lingerMs: e.KAFKA_LINGER_MS,
    producers: e.KAFKA_PRODUCERS,
    retryAfterSeconds: e.RETRY_AFTER_SECONDS,
    bcMaxBodyBytes: e.BC_MAX_BODY_BYTES,
    connectionCacheMs: e.CONNECTION_CACHE_MS,
  };
}

function envConnectionOf(e: IngressEnv): EnvConnectionConfig | undefined {
  if (!e.CONNECTION_ID) return undefined;
  const need = (variable: (typeof ENV_CONNECTION_VARIABLES)[number]): string => {
    const value = e[variable];
    if (value) return value;
    throw new ConfigError(variable, 'is required when CONNECTION_ID is set');
  };
  // In the order of DESIGN.md 10, so the first missing variable is the one named.
  const [storeHash, accessToken, clientSecret, tenantId, environment, bcClientId, bcClientSecret] =
    ENV_CONNECTION_VARIABLES.map(need) as [string, string, string, string, string, string, string];
  return {
    id: e.CONNECTION_ID,
    storeHash,
    accessToken,
    clientSecret,
    tenantId,
    environment,
    ...(e.BC_COMPANY_ID ? { companyId: e.BC_COMPANY_ID } : {}),
    bcClientId,
    bcClientSecret,
  };
}
