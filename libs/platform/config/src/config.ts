import { z } from 'zod';

const secretSchemas = new WeakSet<z.ZodType>();

/** Marks a config field as secret: redacted in dumps, never echoed in error messages. */
export function secret<T extends z.ZodType>(schema: T): T {
  secretSchemas.add(schema);
  return schema;
}

function isSecret(schema: z.ZodType): boolean {
  let current: z.ZodType | undefined = schema;
  while (current) {
    if (secretSchemas.has(current)) return true;
    const def: { innerType?: z.ZodType; in?: z.ZodType } | undefined = (
      current as unknown as { _zod?: { def?: { innerType?: z.ZodType; in?: z.ZodType } } }
    )._zod?.def;
    current = def?.innerType ?? def?.in;
  }
  return false;
}

/** A configuration problem, with a one-line message that names the variable and never its (possibly secret) value. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/** Parses env once at the edge. Throws ConfigError naming the first bad variable. */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    input[key] = value === '' ? undefined : value;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const variable = String(issue.path[0] ?? '(env)');
  const missing = input[variable] === undefined;
  throw new ConfigError(variable, missing ? 'is required but not set' : `is invalid: ${issue.message}`);
}

/** The config with every secret replaced, safe to log. */
export function redactConfig<S extends z.ZodObject>(schema: S, config: z.infer<S>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    const field = schema.shape[key] as z.ZodType | undefined;
    out[key] = field && isSecret(field) && value !== undefined ? '[redacted]' : value;
  }
  return out;
}

/**
 * Runs a service's boot function; a ConfigError ends the process with one clear line and exit code 78 (EX_CONFIG),
 * never a stack trace.
 */
export async function bootOrExit(service: string, boot: () => Promise<void>): Promise<void> {
  try {
    await boot();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${service}: configuration error: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}
