import { z } from 'zod';
import { secret } from './config';

const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL (${protocols.join(' or ')})`);

/** `host:port[,host:port...]` -> list. */
export const brokerList = z
  .string()
  .transform((v) => v.split(',').map((b) => b.trim()).filter(Boolean))
  .refine((list) => list.length > 0 && list.every((b) => /^[^:\s]+:\d{1,5}$/.test(b)), 'must be host:port[,host:port...]');

/** Fields every service shares (DESIGN.md section 10). */
export const infraEnv = {
  KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']),
  SCHEMA_REGISTRY_URL: url(['http:', 'https:']).default('http://127.0.0.1:8081/apis/ccompat/v7'),
  DATABASE_URL: secret(url(['postgres:', 'postgresql:'])).default('postgres://mlc:mlc@127.0.0.1:5432/ml_connector'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BIND_HOST: z.string().default('127.0.0.1'),
};

export const secretsEnv = {
  /** 32 bytes, base64: the key that encrypts connection credentials at rest. */
  MASTER_KEY: secret(
    z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded as base64 (openssl rand -base64 32)'),
  ),
  ADMIN_TOKEN: secret(z.string().min(16, 'must be at least 16 characters')).optional(),
};

export const systemsEnv = {
  PUBLIC_BASE_URL: url(['http:', 'https:']).default('http://127.0.0.1:3000'),
  BIGCOMMERCE_API_URL: url(['http:', 'https:']).default('https://api.bigcommerce.com'),
  BC_API_URL: url(['http:', 'https:']).default('https://api.businesscentral.dynamics.com'),
  ENTRA_AUTHORITY_URL: url(['http:', 'https:']).default('https://login.microsoftonline.com'),
};

/** One connection declared from env (optional as a whole). */
export const envConnection = {
  CONNECTION_ID: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes').optional(),
  BIGCOMMERCE_STORE_HASH: z.string().optional(),
  BIGCOMMERCE_ACCESS_TOKEN: secret(z.string()).optional(),
  BIGCOMMERCE_CLIENT_SECRET: secret(z.string()).optional(),
  BC_TENANT_ID: z.string().optional(),
  BC_ENVIRONMENT: z.string().optional(),
  BC_COMPANY_ID: z.string().optional(),
  BC_CLIENT_ID: z.string().optional(),
  BC_CLIENT_SECRET: secret(z.string()).optional(),
};

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
