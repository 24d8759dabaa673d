import type { DriftReport } from '@mlc/catalog';
import type { DataSource } from '@mlc/platform-persistence';

export type PushTrigger = 'signals' | 'backfill' | 'drift-check' | 'map-refresh';

/** One request of a push as it ended. */
export interface PushRequestRecord {
  readonly kind: string;
  readonly items: number;
  readonly result: 'succeeded' | 'failed' | 'unknown';
  readonly errorCode?: string;
  readonly error?: string;
  readonly transactionId?: string;
  readonly sentAt: Date;
  readonly durationMs: number;
}

/** Totals of the drift measured in one connection's last check. */
export interface DriftTotals {
  readonly skus: number;
  readonly units: number;
}

/** Push runs with their requests (what was sent and how it ended), and the last drift measured per SKU. */
export class PushLogRepository {
  constructor(private readonly db: DataSource) {}

  async startRun(connectionId: string, trigger: PushTrigger, dryRun: boolean): Promise<number> {
    const rows = (await this.db.query(
      `insert into push_runs (connection_id, trigger, dry_run, started_at) values ($1, $2, $3, now()) returning id`,
      [connectionId, trigger, dryRun],
    )) as Array<{ id: string }>;
    const row = rows[0];
    if (!row) throw new Error('insert ... returning gave no row');
    return Number(row.id);
  }

  async finishRun(runId: number, counts: unknown): Promise<void> {
    await this.db.query(`update push_runs set finished_at = now(), counts = $2 where id = $1`, [
      runId,
      JSON.stringify(counts),
    ]);
  }

  async addRequests(runId: number, connectionId: string, records: readonly PushRequestRecord[]): Promise<void> {
    if (records.length === 0) return;
    const json = records.map((r) => ({
      kind: r.kind,
      items: r.items,
      result: r.result,
      error_code: r.errorCode ?? null,
      error: r.error ?? null,
      transaction_id: r.transactionId ?? null,
      sent_at: r.sentAt.toISOString(),
      duration_ms: r.durationMs,
    }));
    await this.db.query(
      `insert into push_requests (run_id, connection_id, kind, items, result, error_code, error, transaction_id, sent_at,
         duration_ms)
       select $1, $2, r.kind, r.items, r.result, r.error_code, r.error, r.transaction_id, r.sent_at, r.duration_ms
       from jsonb_to_recordset($3::jsonb) as r(kind text, items int, result text, error_code text, error text,
         transaction_id text, sent_at timestamptz, duration_ms int)`,
      [runId, connectionId, JSON.stringify(json)],
    );
  }

  async requestsOf(runId: number): Promise<PushRequestRecord[]> {
    const rows = (await this.db.query(
      `select kind, items, result, error_code, error, transaction_id, sent_at, duration_ms from push_requests
       where run_id = $1 order by id`,
      [runId],
    )) as Array<{
      kind: string;
      items: number;
      result: PushRequestRecord['result'];
      error_code: string | null;
      error: string | null;
      transaction_id: string | null;
      sent_at: Date;
      duration_ms: number;
    }>;
    return rows.map((r) => ({
      kind: r.kind,
      items: r.items,
      result: r.result,
      ...(r.error_code !== null && { errorCode: r.error_code }),
      ...(r.error !== null && { error: r.error }),
      ...(r.transaction_id !== null && { transactionId: r.transaction_id }),
      sentAt: r.sent_at,
      durationMs: r.duration_ms,
    }));
  }

  /** Replaces the drift measured for these SKUs; SKUs measured without drift keep a row with drift 0. */
  async recordDrift(connectionId: string, reports: readonly DriftReport[]): Promise<void> {
    if (reports.length === 0) return;
    const json = reports.map((r) => ({
      sku: r.sku,
      store_level: r.storeLevel,
      expected: r.expected,
      drift: r.drift,
      alarm: r.alarm,
      corrected: r.corrected,
      why: r.notCorrectedBecause ?? null,
    }));
    await this.db.query(
      `insert into stock_drift (connection_id, sku, store_level, expected, drift, alarm, corrected,
         not_corrected_because, measured_at)
       select $1, r.sku, r.store_level, r.expected, r.drift, r.alarm, r.corrected, r.why, now()
       from jsonb_to_recordset($2::jsonb) as r(sku text, store_level int, expected int, drift int, alarm boolean,
         corrected boolean, why text)
       on conflict (connection_id, sku) do update set store_level = excluded.store_level,
         expected = excluded.expected, drift = excluded.drift, alarm = excluded.alarm, corrected = excluded.corrected,
         not_corrected_because = excluded.not_corrected_because, measured_at = excluded.measured_at`,
      [connectionId, JSON.stringify(json)],
    );
  }

  /** SKUs whose last measurement found drift that was not corrected, and its total size. */
  async driftTotals(connectionId: string): Promise<DriftTotals> {
    const rows = (await this.db.query(
      `select count(*)::int as skus, coalesce(sum(abs(drift)), 0)::int as units from stock_drift
       where connection_id = $1 and drift <> 0 and not corrected`,
      [connectionId],
    )) as Array<{ skus: number; units: number }>;
    return { skus: rows[0]?.skus ?? 0, units: rows[0]?.units ?? 0 };
  }
}
