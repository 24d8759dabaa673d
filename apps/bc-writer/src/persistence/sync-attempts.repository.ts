import type { DataSource } from '@mlc/platform-persistence';
import { required } from '../required';

/** Where a signal came from: enough to find it again in Kafka (trace, replay). */
export interface AttemptOrigin {
  readonly connectionId: string;
  readonly orderId: number;
  readonly refundId?: number;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly source: string;
  readonly signalKind: string;
  readonly signalOccurredAt: string;
}

export interface AttemptTransition {
  readonly subject: string;
  readonly from: string | null;
  readonly to: string;
  readonly event: string;
  readonly reason?: string;
  readonly at: string;
}

export interface AttemptOutcome {
  readonly snapshotHash?: string;
  readonly decision?: string;
  readonly transitions: readonly AttemptTransition[];
  readonly bcRequests: Readonly<Record<string, number>>;
  readonly bigcommerceRequests: Readonly<Record<string, number>>;
  readonly outcome: 'ok' | 'retry' | 'failed' | 'skipped';
  readonly error?: string;
}

/**
 * sync_attempts: one row per handled signal (the evidence `trace order` shows: which offset, which snapshot, which
 * decision, which state changes and BC calls), and order_snapshots: every distinct raw order JSON fetched, once.
 */
export class SyncAttemptsRepository {
  constructor(private readonly db: DataSource) {}

  /** Opens the attempt of a signal about to be handled; {@link finish} closes it. */
  start(origin: AttemptOrigin): Promise<string> {
    return this.insert(origin);
  }

  async finish(id: string, outcome: AttemptOutcome): Promise<void> {
    await this.db.query(
      `update sync_attempts set finished_at = now(), snapshot_hash = $2, decision = $3, transitions = $4,
         bc_requests = $5, bigcommerce_requests = $6, outcome = $7, error = $8 where id = $1`,
      [
        id,
        outcome.snapshotHash ?? null,
        outcome.decision ?? null,
        JSON.stringify(outcome.transitions),
        JSON.stringify(outcome.bcRequests),
        JSON.stringify(outcome.bigcommerceRequests),
        outcome.outcome,
        outcome.error ?? null,
      ],
    );
  }

  /** A signal handled without any call (see coveredBy): recorded like any attempt, with its reason. */
  async recordSkipped(origin: AttemptOrigin, decision: string): Promise<void> {
    await this.insert(origin, { decision, outcome: 'skipped' });
  }

  /** The one insert of an attempt: open, or already finished (`finished_at` now, with its decision and outcome). */
  private async insert(origin: AttemptOrigin, finished?: { decision: string; outcome: 'skipped' }): Promise<string> {
    const rows: Array<{ id: string }> = await this.db.query(
      `insert into sync_attempts (connection_id, order_id, refund_id, topic, partition, "offset", source, signal_kind,
         signal_occurred_at, finished_at, decision, outcome)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, case when $10::boolean then now() end, $11, $12) returning id`,
      [
        origin.connectionId,
        origin.orderId,
        origin.refundId ?? null,
        origin.topic,
        origin.partition,
        origin.offset,
        origin.source,
        origin.signalKind,
        origin.signalOccurredAt,
        finished !== undefined,
        finished?.decision ?? null,
        finished?.outcome ?? null,
      ],
    );
    return required(rows[0], 'the attempt id').id;
  }

  /**
   * When the latest attempt that ran to completion (`ok`, so it read the order and handled it) started: it read the
   * order after that. Undefined when no attempt has completed.
   */
  async lastCompleteReadAt(connectionId: string, orderId: number): Promise<Date | undefined> {
    const rows: Array<{ started_at: Date }> = await this.db.query(
      `select started_at from sync_attempts where connection_id = $1 and order_id = $2 and outcome = 'ok'
         and snapshot_hash is not null order by id desc limit 1`,
      [connectionId, orderId],
    );
    return rows[0]?.started_at;
  }

  /** Keeps a fetched snapshot (deduplicated by its hash): the audit evidence of every attempt that used it. */
  async keepSnapshot(connectionId: string, orderId: number, hash: string, snapshot: unknown): Promise<void> {
    await this.db.query(
      `insert into order_snapshots (connection_id, order_id, snapshot_hash, snapshot) values ($1, $2, $3, $4)
       on conflict do nothing`,
      [connectionId, orderId, hash, JSON.stringify(snapshot)],
    );
  }
}
