import { randomUUID } from 'node:crypto';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { createScratchDatabase, ScratchDatabase, stackEnv } from '@mlc/testing';
import { PgLeaseStore } from './pg-lease-store';
import { PgStockScanStore } from './pg-stock-scan-store';
import { PgWatchStateStore } from './pg-watch-state-store';
import { PgWatermarkStore } from './pg-watermark-store';
import { WATCHER_MIGRATIONS, WATCHER_SCHEMA } from './watcher.migrations';

/* The watcher's Postgres stores on a scratch database: the stock scan's generations and the removed-connection clean-up. */
describe('bc-watcher Postgres stores', () => {
  let scratch: ScratchDatabase;
  let db: DataSource;
  let scans: PgStockScanStore;
  let state: PgWatchStateStore;
  let leases: PgLeaseStore;
  const count = async (table: string, connectionId: string) => {
    const rows: Array<{ n: number }> = await db.query(
      `select count(*)::int as n from ${table} where connection_id = $1`,
      [connectionId],
    );
    return rows[0]?.n;
  };
  const fingerprint = (itemId: string) => ({ itemId, stock: 1, attrs: 2 });

  beforeAll(async () => {
    scratch = await createScratchDatabase(stackEnv.DATABASE_URL, 'watcher');
    db = await openDatabase({ url: scratch.url, schema: WATCHER_SCHEMA, migrations: WATCHER_MIGRATIONS, poolSize: 2 });
    scans = new PgStockScanStore(db);
    state = new PgWatchStateStore(db);
    leases = new PgLeaseStore(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await scratch?.drop();
  });

  it('gives every scan attempt a new generation and finds the rows a complete scan did not see', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await leases.acquire('shop-1', 'replica-a', 30_000);
    expect(await scans.begin('shop-1')).toEqual({ baseline: true, generation: 1 });
    await scans.save('shop-1', [a, b, c].map(fingerprint), 1);
    await scans.complete('shop-1', { items: 3, changes: 0, requests: 1 });

    // An attempt that saw only `a` before failing; the next attempt sees `a` and `b`: `c` is gone, `b` is not.
    expect(await scans.begin('shop-1')).toEqual({ baseline: false, generation: 2 });
    expect([...(await scans.fingerprints('shop-1', [a], 2)).keys()]).toEqual([a]);
    const next = await scans.begin('shop-1');
    expect(next.generation).toBe(3);
    expect((await scans.fingerprints('shop-1', [a, b, randomUUID()], 3)).size).toBe(2);
    expect(await scans.unseen('shop-1', 3, 500)).toEqual([c]);

    expect(await scans.forget('shop-1', [c], 3, 'replica-b')).toBe(false);
    expect(await count('stock_scan', 'shop-1')).toBe(3);
    expect(await scans.forget('shop-1', [c], 3, 'replica-a')).toBe(true);
    expect(await scans.unseen('shop-1', 3, 500)).toEqual([]);
    expect(await count('stock_scan', 'shop-1')).toBe(2);

    // A stalled former leader's older attempt (generation 2) cannot move the newer stamps back.
    await scans.fingerprints('shop-1', [a], 2);
    await scans.save('shop-1', [fingerprint(b)], 2);
    expect(await scans.unseen('shop-1', 3, 500)).toEqual([]);
  });

  it('drops every row of connections removed from the registry, and only theirs', async () => {
    const marks = new PgWatermarkStore(db);
    for (const id of ['kept', 'removed']) {
      await leases.acquire(id, 'replica-a', 30_000);
      await marks.save(id, 'bc-items', { value: new Date() }, 'replica-a');
      await scans.begin(id);
      await scans.save(id, [fingerprint(randomUUID()), fingerprint(randomUUID())], 1);
      await scans.complete(id, { items: 2, changes: 0, requests: 1 });
      await state.saveSubscription(id, 'items', {
        subscriptionId: `s-${id}`,
        notificationUrl: 'https://x/y',
        expiresAt: new Date(),
        etag: 'W/"1"',
      });
      await state.saveHook(id, 'store/order/created', { hookId: 1, active: true });
      await state.requestScan(id, 'items', 'test');
    }
    const tables = [
      'leases',
      'watermarks',
      'stock_scan',
      'scans',
      'scan_generations',
      'subscriptions',
      'hooks',
      'scan_requests',
    ];

    expect(await state.forgetRemoved(async () => ['kept', 'shop-1'])).toEqual(['removed']);
    for (const table of tables) {
      expect([table, await count(table, 'removed')]).toEqual([table, 0]);
      expect([table, await count(table, 'kept')]).toEqual([table, table === 'stock_scan' ? 2 : 1]);
    }
    expect(await state.forgetRemoved(async () => ['kept', 'shop-1'])).toEqual([]);
  });

  it('never drops a connection whose first state appeared after the clean-up read the watcher rows', async () => {
    // Another replica saw `late` registered and took its first lease in between: it must survive this pass.
    const dropped = await state.forgetRemoved(async () => {
      await leases.acquire('late', 'replica-b', 30_000);
      return ['kept', 'shop-1'];
    });
    expect(dropped).toEqual([]);
    expect(await count('leases', 'late')).toBe(1);
    // Still missing from the registry at the next pass: removed.
    expect(await state.forgetRemoved(async () => ['kept', 'shop-1'])).toEqual(['late']);
  });
});
