import { z } from 'zod';

export const FAULT_SYSTEMS = [
  'bigcommerce',
  'business-central',
  'entra',
  'bigcommerce-webhooks',
  'business-central-notifications',
] as const;
export type FaultSystem = (typeof FAULT_SYSTEMS)[number];

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** `POST /__sandbox/faults` body. `rate` is the probability a matching request is hit; `count` caps how many are. */
export const faultRuleSchema = z
  .object({
    system: z.enum(FAULT_SYSTEMS),
    method: z.string().toUpperCase().optional(),
    /** A regular expression tested against the request path (without query). */
    path: z.string().refine(isRegExp, 'not a valid regular expression').optional(),
    status: z.number().int().min(100).max(599).optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    reset: z.boolean().optional(),
    drop: z.boolean().optional(),
    afterCommit: z.boolean().optional(),
    rate: z.number().min(0).max(1).default(1),
    count: z.number().int().positive().optional(),
  })
  .strict()
  .refine((r) => r.status !== undefined || r.latencyMs !== undefined || r.reset || r.drop, {
    message: 'a fault needs at least one of status, latencyMs, reset or drop',
  })
  .refine((r) => !r.afterCommit || r.status !== undefined || r.reset, {
    message: 'afterCommit needs a status or reset to fail the response with',
  });

export type FaultRule = z.infer<typeof faultRuleSchema>;

/** What to do with one request: delay it, then fail it before or after applying it, or drop/reset it. */
export interface FaultDecision {
  readonly latencyMs: number;
  readonly status?: number;
  readonly reset: boolean;
  readonly drop: boolean;
  readonly afterCommit: boolean;
}

export class FaultInjector {
  private rules: Array<{ rule: FaultRule; regex?: RegExp; hits: number }> = [];

  constructor(private readonly random: () => number) {}

  add(rule: FaultRule): void {
    this.rules.push({ rule, regex: rule.path ? new RegExp(rule.path) : undefined, hits: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  list(): Array<FaultRule & { hits: number }> {
    return this.rules.map(({ rule, hits }) => ({ ...rule, hits }));
  }

  /** The first matching rule that fires decides; latency-only rules add up with it. */
  decide(system: FaultSystem, method: string, path: string): FaultDecision | undefined {
    let latencyMs = 0;
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.system !== system) continue;
      if (rule.method && rule.method !== method.toUpperCase()) continue;
      if (entry.regex && !entry.regex.test(path)) continue;
      if (rule.count !== undefined && entry.hits >= rule.count) continue;
      if (this.random() >= rule.rate) continue;
      entry.hits += 1;
      latencyMs += rule.latencyMs ?? 0;
      if (rule.status !== undefined || rule.reset || rule.drop) {
        return {
          latencyMs,
          status: rule.status,
          reset: !!rule.reset,
          drop: !!rule.drop,
          afterCommit: !!rule.afterCommit,
        };
      }
    }
    return latencyMs > 0 ? { latencyMs, reset: false, drop: false, afterCommit: false } : undefined;
  }
}
