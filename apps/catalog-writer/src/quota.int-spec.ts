import { Cleanup, SandboxProcess, startSandboxProcess } from '@mlc/testing';
import { ADMIN_TOKEN, CatalogWriterHarness } from './testing/catalog-writer-harness';
import { LoggedRequest } from './testing/sandbox-helpers';

const cleanup = new Cleanup();
let sandbox: SandboxProcess;
let h: CatalogWriterHarness;

const PRODUCTS = 1000;
const QUOTA = 150;
const WINDOW_MS = 30_000;

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  cleanup.add(() => sandbox.stop());
  await sandbox.control.seed({ products: PRODUCTS, variantsPerProduct: 0, customers: 1 });
  h = new CatalogWriterHarness(sandbox, { catalog: { coalesceWindowMs: 200 } });
  cleanup.add(() => h.stop());
  await h.start();
});
afterAll(() => cleanup.run());

/** Another app on the store reading orders once a second (what bc-writer does), recording the statuses it got. */
function orderReader(): { statuses: number[]; stop: () => Promise<void> } {
  const statuses: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const res = await fetch(`${sandbox.bigcommerceUrl}/stores/sandbox/v2/orders?limit=5`, {
        headers: { 'x-auth-token': sandbox.env.BIGCOMMERCE_ACCESS_TOKEN!, accept: 'application/json' },
      });
      statuses.push(res.status);
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return {
    statuses,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/**
 * Requests per quota window, windows as the store counts them (one starts with the first request after the previous
 * ended); `counted` picks which requests are counted in each.
 */
function perWindow(requests: readonly LoggedRequest[], counted: (r: LoggedRequest) => boolean = () => true): number[] {
  const counts: number[] = [];
  let start = Number.NEGATIVE_INFINITY;
  for (const r of [...requests].sort((a, b) => a.time.localeCompare(b.time))) {
    const t = Date.parse(r.time);
    if (t >= start + WINDOW_MS) {
      start = t;
      counts.push(0);
    }
    if (counted(r)) counts[counts.length - 1] = (counts.at(-1) ?? 0) + 1;
  }
  return counts;
}

describe('the store quota at its default (150 per 30 s)', () => {
  it('pushes more than one window of requests without a 429, keeping the reserve free for order reads', async () => {
    const reader = orderReader();
    const res = await fetch(`${h.url}/admin/connections/${h.connectionId}/backfill-catalog`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const summary = JSON.parse((await res.text()).trim().split('\n').at(-1)!) as {
      push: { price: { changed: number }; requests: { planned: number } };
    };
    await reader.stop();

    expect(summary.push.price.changed).toBe(PRODUCTS);
    expect(summary.push.requests.planned).toBe(PRODUCTS / 10 + 1);
    const log = (await sandbox.control.requests('bigcommerce')).requests;
    expect(log.filter((r) => r.status === 429)).toEqual([]);
    expect(reader.statuses.every((s) => s === 200 || s === 204)).toBe(true);
    const windows = perWindow(log);
    expect(windows.length).toBeGreaterThanOrEqual(2);
    const ours = perWindow(log, (r) => !r.path.includes('/v2/orders'));
    expect(Math.max(...ours)).toBeLessThanOrEqual(Math.floor(0.6 * QUOTA));
    const store = await h.store();
    expect(Object.keys(store.prices)).toHaveLength(PRODUCTS);
  });
});
