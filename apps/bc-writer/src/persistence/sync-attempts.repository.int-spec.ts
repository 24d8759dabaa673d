import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { createScratchDatabase, ScratchDatabase, stackEnv } from '@mlc/testing';
import { BC_WRITER_MIGRATIONS, BC_WRITER_SCHEMA } from './bc-writer.migrations';
import { AttemptOrigin, SyncAttemptsRepository } from './sync-attempts.repository';

/* The rows the two kinds of attempt leave in sync_attempts, column by column: what trace and the covered check read. */
describe('sync_attempts rows', () => {
  let scratch: ScratchDatabase;
  let db: DataSource;
  let attempts: SyncAttemptsRepository;
  const origin = (offset: string, refundId?: number): AttemptOrigin => ({
    connectionId: 'shop-1',
    orderId: 101,
    ...(refundId !== undefined && { refundId }),
    topic: 'bigcommerce.order-signal.v1',
    partition: 3,
    offset,
    source: 'webhook',
    signalKind: 'order',
    signalOccurredAt: '2026-11-28T10:00:00.000Z',
  });
  const row = async (id: string) => {
    const rows: Array<Record<string, unknown>> = await db.query(
      `select connection_id, order_id::int, refund_id::int, topic, partition, "offset", source, signal_kind,
         signal_occurred_at, started_at, finished_at, snapshot_hash, decision, transitions, bc_requests,
         bigcommerce_requests, outcome, error from sync_attempts where id = $1`,
      [id],
    );
    return rows[0];
  };
  const lastId = async () => {
    const rows: Array<{ id: string }> = await db.query(`select max(id)::text as id from sync_attempts`);
    return rows[0]?.id ?? '';
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(stackEnv.DATABASE_URL, 'attempts');
    db = await openDatabase({ url: scratch.url, schema: BC_WRITER_SCHEMA, migrations: BC_WRITER_MIGRATIONS, poolSize: 2 });
    attempts = new SyncAttemptsRepository(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await scratch?.drop();
  });

  const signalColumns = {
    connection_id: 'shop-1',
    order_id: 101,
    topic: 'bigcommerce.order-signal.v1',
    partition: 3,
    source: 'webhook',
    signal_kind: 'order',
    signal_occurred_at: new Date('2026-11-28T10:00:00.000Z'),
    snapshot_hash: null,
    transitions: [],
    bc_requests: {},
    bigcommerce_requests: {},
    error: null,
  };

  it('opens an attempt unfinished, without decision or outcome, and finish closes it', async () => {
    const id = await attempts.start(origin('42', 7));
    const open = await row(id);
    expect(open).toMatchObject({ ...signalColumns, refund_id: 7, offset: '42', finished_at: null, decision: null, outcome: null });
    expect(open?.started_at).toBeInstanceOf(Date);

    await attempts.finish(id, { decision: 'create', transitions: [], bcRequests: { create: 1 }, bigcommerceRequests: {}, outcome: 'ok' });
    expect(await row(id)).toMatchObject({ decision: 'create', outcome: 'ok', bc_requests: { create: 1 } });
    expect((await row(id))?.finished_at).toBeInstanceOf(Date);
  });

  it('records a skipped signal finished when it started, with its decision and no calls', async () => {
    await attempts.recordSkipped(origin('43'), 'covered: read at 2026-11-28T10:00:05.000Z');
    const skipped = await row(await lastId());
    expect(skipped).toMatchObject({
      ...signalColumns,
      refund_id: null,
      offset: '43',
      decision: 'covered: read at 2026-11-28T10:00:05.000Z',
      outcome: 'skipped',
    });
    expect(skipped?.finished_at).toEqual(skipped?.started_at);
    // Neither attempt read a snapshot: the covered check finds no completed read.
    expect(await attempts.lastCompleteReadAt('shop-1', 101)).toBeUndefined();
  });
});
