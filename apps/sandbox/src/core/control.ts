import { z } from 'zod';
import { faultRuleSchema } from './faults';
import { Router, SandboxRequest, SandboxResponse } from './router';
import { generateSeedCatalog, seedRequestSchema, sellableSkus } from './seed';
import { SandboxSystem, SandboxWorld } from './world';

/** Parses a control-API JSON body with a zod schema; answers 400 with every issue named by its path. */
export function parseControlBody<T extends z.ZodType>(
  req: SandboxRequest,
  schema: T,
): { ok: true; value: z.infer<T> } | { ok: false; response: SandboxResponse } {
  let json: unknown = {};
  if (req.rawBody.length > 0) {
    try {
      json = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      return { ok: false, response: { status: 400, body: { error: 'body is not valid JSON' } } };
    }
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  return { ok: false, response: { status: 400, body: { error: 'invalid control request', issues } } };
}

const clockSchema = z.object({ advanceMs: z.number().int().min(0) }).strict();

/** The control routes both ports serve: reset, seed, faults, clock, request log and state of both systems. */
export function registerControlRoutes(router: Router, world: SandboxWorld, systems: SandboxSystem[]): void {
  router.add('POST', '/__sandbox/reset', () => {
    world.resetShared();
    for (const s of systems) s.reset();
    return { status: 200, body: { reset: true } };
  });
  router.add('POST', '/__sandbox/seed', (req) => {
    const parsed = parseControlBody(req, seedRequestSchema);
    if (!parsed.ok) return parsed.response;
    world.reseed(parsed.value.seed);
    const catalog = generateSeedCatalog(parsed.value);
    for (const s of systems) s.seed(catalog);
    return {
      status: 201,
      body: { skus: sellableSkus(catalog), products: catalog.products.length, customers: catalog.customers.map((c) => c.email) },
    };
  });
  router.add('POST', '/__sandbox/faults', (req) => {
    const parsed = parseControlBody(req, faultRuleSchema);
    if (!parsed.ok) return parsed.response;
    world.faults.add(parsed.value);
    return { status: 201, body: { faults: world.faults.list() } };
  });
  router.add('GET', '/__sandbox/faults', () => ({ status: 200, body: { faults: world.faults.list() } }));
  router.add('DELETE', '/__sandbox/faults', () => {
    world.faults.clear();
    return { status: 200, body: { faults: [] } };
  });
  router.add('POST', '/__sandbox/clock', (req) => {
    const parsed = parseControlBody(req, clockSchema);
    if (!parsed.ok) return parsed.response;
    world.clock.advance(parsed.value.advanceMs);
    return { status: 200, body: { now: world.clock.nowIso() } };
  });
  router.add('GET', '/__sandbox/clock', () => ({ status: 200, body: { now: world.clock.nowIso() } }));
  router.add('GET', '/__sandbox/requests', (req) => {
    const system = req.query.get('system') ?? undefined;
    const requests = world.log.list(system);
    return { status: 200, body: { count: requests.length, requests } };
  });
  router.add('DELETE', '/__sandbox/requests', () => {
    world.log.clear();
    return { status: 200, body: { cleared: true } };
  });
  router.add('GET', '/__sandbox/state', () => ({
    status: 200,
    body: Object.fromEntries(systems.map((s) => [s.name, s.state()])),
  }));
}
