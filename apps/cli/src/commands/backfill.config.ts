import { z } from 'zod';
import { loadConfig, secret } from '@mlc/platform-config';

const backfillEnv = z.object({
  /** Where catalog-writer serves its admin API (DESIGN.md 10: port 3003). */
  CATALOG_WRITER_URL: z
    .string()
    .refine((v) => /^https?:\/\/[^/]+/.test(v), 'must be an http(s) URL such as http://127.0.0.1:3003')
    .default('http://127.0.0.1:3003'),
  /** The admin token catalog-writer was started with. */
  ADMIN_TOKEN: secret(z.string().min(16, 'must be at least 16 characters')),
});

export type BackfillConfig = z.infer<typeof backfillEnv>;

/** The variables `ml-connector backfill` reads, validated once. */
export function loadBackfillConfig(env: NodeJS.ProcessEnv = process.env): BackfillConfig {
  return loadConfig(backfillEnv, env);
}
