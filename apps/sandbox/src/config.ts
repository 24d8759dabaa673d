import { z } from 'zod';

const schema = z.object({
  SANDBOX_HOST: z.string().default('127.0.0.1'),
  SANDBOX_BIGCOMMERCE_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SANDBOX_BC_PORT: z.coerce.number().int().min(0).max(65535).default(4020),
  SANDBOX_SEED: z.coerce.number().int().default(1),
  /** Divides documented waiting times (webhook retry schedule, notification delay, queue timeout) for tests. */
  SANDBOX_TIME_SCALE: z.coerce.number().positive().default(1),
});

export type SandboxConfig = z.infer<typeof schema>;

export function loadSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`sandbox config: ${String(issue.path[0])} ${issue.message}`);
  }
  return parsed.data;
}
