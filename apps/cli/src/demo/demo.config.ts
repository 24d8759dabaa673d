import { z } from 'zod';
import { loadConfig, secret } from '@mlc/platform-config';

const httpUrl = z.string().refine((v) => /^https?:\/\/[^/]+/.test(v), 'must be an http(s) URL');

const demoEnv = z.object({
  /** The connection the demo drives: the env-declared sandbox connection of `make up`. */
  CONNECTION_ID: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).default('sandbox'),
  /** Sandbox control API (served on both sandbox ports; the BC + Entra one by default). */
  BC_API_URL: httpUrl.default('http://127.0.0.1:4020'),
  INGRESS_URL: httpUrl.default('http://127.0.0.1:3000'),
  BC_WATCHER_URL: httpUrl.default('http://127.0.0.1:3001'),
  BC_WRITER_URL: httpUrl.default('http://127.0.0.1:3002'),
  CATALOG_WRITER_URL: httpUrl.default('http://127.0.0.1:3003'),
  /** catalog-writer's admin token (the initial catalog backfill). */
  ADMIN_TOKEN: secret(z.string().min(16, 'must be at least 16 characters')).optional(),
});

export type DemoConfig = z.infer<typeof demoEnv>;

/** The variables `ml-connector demo` reads beyond the CLI's own, validated once. */
export function loadDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  return loadConfig(demoEnv, env);
}
