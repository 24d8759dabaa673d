import { z } from 'zod';
import { infraEnv, loadConfig, secret, systemsEnv } from '@mlc/platform-config';

const masterKey = secret(
  z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded as base64 (openssl rand -base64 32)'),
);

const cliEnv = z.object({
  ...infraEnv,
  ...systemsEnv,
  LOG_LEVEL: infraEnv.LOG_LEVEL.default('warn'),
  /** Needed by commands that read or write credentials. */
  MASTER_KEY: masterKey.optional(),
  /** `keys rotate` re-encrypts everything under this key. */
  NEW_MASTER_KEY: masterKey.optional(),
  /** Secrets for `connections add` come from the environment or a file, never from arguments. */
  BIGCOMMERCE_ACCESS_TOKEN: secret(z.string()).optional(),
  BIGCOMMERCE_CLIENT_SECRET: secret(z.string()).optional(),
  BC_CLIENT_SECRET: secret(z.string()).optional(),
});
export type CliConfig = z.infer<typeof cliEnv>;

/** The CLI reads the same variables as the services (DESIGN.md section 10). */
export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  return loadConfig(cliEnv, env);
}

/** The environment for a child process the CLI starts (the services' own config parsing then applies). */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
