import type { DataSource } from '@mlc/platform-persistence';

/** What is coalesced: BC items (their prices and stock) or store products (their SKU map rows). */
export type SignalKind = 'item' | 'product';

/** A signal waiting for the push that covers it; `version` grows with every write of the row. */
export interface PendingSignal {
  readonly connectionId: string;
  readonly kind: SignalKind;
  readonly ref: string;
  readonly occurredAt: string;
  readonly version: number;
}

interface Row {
  connection_id: string;
  kind: SignalKind;
  ref: string;
  occurred_at: Date;
  version: string;
}

/** The durable store of pending signals (PostgreSQL here; in memory in unit tests). */
export interface PendingSignalStore {
  add(connectionId: string, kind: SignalKind, ref: string, occurredAt: string): Promise<PendingSignal>;
  all(kind: SignalKind): Promise<PendingSignal[]>;
  remove(connectionId: string, kind: SignalKind, covered: ReadonlyArray<{ ref: string; version: number }>): Promise<void>;
}

/**
 * The durable half of coalescing: a consumed signal is written here before its offset is committed and deleted only
 * once a push that read the item after it was recorded. A newer signal for the same ref bumps the version, so a push
 * that started before it never deletes it.
 */
export class PendingSignalsRepository implements PendingSignalStore {
  constructor(private readonly db: DataSource) {}

  async add(connectionId: string, kind: SignalKind, ref: string, occurredAt: string): Promise<PendingSignal> {
    const rows = (await this.db.query(
      `insert into pending_signals (connection_id, kind, ref, occurred_at, version)
       values ($1, $2, $3, $4, nextval('pending_signal_version'))
       on conflict (connection_id, kind, ref) do update
         set occurred_at = greatest(pending_signals.occurred_at, excluded.occurred_at), version = excluded.version
       returning connection_id, kind, ref, occurred_at, version`,
      [connectionId, kind, ref, occurredAt],
    )) as Row[];
    const row = rows[0];
    if (!row) throw new Error('insert ... returning gave no row');
    return signalOf(row);
  }

  /** Every pending signal of a kind (read at start-up to resume what a previous process had not pushed). */
  async all(kind: SignalKind): Promise<PendingSignal[]> {
    const rows = (await this.db.query(
      `select connection_id, kind, ref, occurred_at, version from pending_signals where kind = $1 order by version`,
      [kind],
    )) as Row[];
    return rows.map(signalOf);
  }

  /** Deletes the given refs unless a newer signal arrived for them meanwhile. */
  async remove(connectionId: string, kind: SignalKind, covered: ReadonlyArray<{ ref: string; version: number }>) {
    if (covered.length === 0) return;
    await this.db.query(
      `delete from pending_signals p using jsonb_to_recordset($3::jsonb) as c(ref text, version bigint)
       where p.connection_id = $1 and p.kind = $2 and p.ref = c.ref and p.version <= c.version`,
      [connectionId, kind, JSON.stringify(covered)],
    );
  }

  async count(connectionId: string, kind: SignalKind): Promise<number> {
    const rows = (await this.db.query(
      `select count(*)::int as n from pending_signals where connection_id = $1 and kind = $2`,
      [connectionId, kind],
    )) as Array<{ n: number }>;
    return rows[0]?.n ?? 0;
  }
}

function signalOf(row: Row): PendingSignal {
  return {
    connectionId: row.connection_id,
    kind: row.kind,
    ref: row.ref,
    occurredAt: row.occurred_at.toISOString(),
    version: Number(row.version),
  };
}
