import type { Admin, Kafka } from 'kafkajs';
import type { DataSource } from '@mlc/platform-persistence';
import { dlqTopics, readDeadLetters } from '../commands/dead-letters';

export interface AttemptCalls {
  readonly orderId: number;
  readonly refundId: number | null;
  readonly bc: number;
  readonly bigcommerce: number;
}

export interface PushRun {
  readonly trigger: string;
  readonly counts: PushCounts;
}

export interface PushCounts {
  readonly price?: { changed?: number; unchanged?: number; skipped?: number; failed?: number };
  readonly stock?: { changed?: number; unchanged?: number; skipped?: number; failed?: number };
  readonly drift?: { corrected?: number };
  readonly requests?: { byKind?: Record<string, number>; succeeded?: number; failed?: number };
}

export interface DeadLetterSeen {
  readonly topic: string;
  readonly key: string;
  readonly code: string;
  readonly reason: string;
}

/** What the connector recorded about the run, read once at the end for the summary. */
export interface Readings {
  readonly attempts: readonly AttemptCalls[];
  /** First time each order reached POSTED (order-state outbox), epoch ms. */
  readonly postedAt: ReadonlyMap<number, number>;
  readonly pushRuns: readonly PushRun[];
  readonly deadLetters: readonly DeadLetterSeen[];
}

const sumValues = (o: unknown): number =>
  o && typeof o === 'object' ? Object.values(o as Record<string, unknown>).reduce<number>((n, v) => n + (Number(v) || 0), 0) : 0;

/** Reads bc-writer's and catalog-writer's tables for one connection since `since`. */
export async function readLedgers(writerDb: DataSource, catalogDb: DataSource, connectionId: string, since: Date) {
  const attempts: Array<Record<string, unknown>> = await writerDb.query(
    `select order_id, refund_id, bc_requests, bigcommerce_requests from sync_attempts where connection_id = $1`,
    [connectionId],
  );
  const posted: Array<{ order_id: string; at: Date }> = await writerDb.query(
    `select order_id, min(created_at) as at from order_events where connection_id = $1 and state = 'POSTED' group by order_id`,
    [connectionId],
  );
  const runs: Array<{ trigger: string; counts: PushCounts | null }> = await catalogDb.query(
    `select trigger, counts from push_runs where connection_id = $1 and not dry_run and started_at >= $2 order by id`,
    [connectionId, since],
  );
  return {
    attempts: attempts.map((a) => ({
      orderId: Number(a.order_id),
      refundId: a.refund_id === null ? null : Number(a.refund_id),
      bc: sumValues(a.bc_requests),
      bigcommerce: sumValues(a.bigcommerce_requests),
    })),
    postedAt: new Map(posted.map((p) => [Number(p.order_id), new Date(p.at).getTime()])),
    pushRuns: runs.map((r) => ({ trigger: r.trigger, counts: r.counts ?? {} })),
  };
}

/** High watermarks of every dead-letter topic, taken before the run. */
export async function dlqMarks(admin: Admin): Promise<Map<string, Map<number, number>>> {
  const marks = new Map<string, Map<number, number>>();
  for (const topic of await dlqTopics(admin)) {
    const offsets = await admin.fetchTopicOffsets(topic);
    marks.set(topic, new Map(offsets.map((p) => [p.partition, Number(p.high)])));
  }
  return marks;
}

/** Dead letters of this connection written since the marks were taken. */
export async function newDeadLetters(
  kafka: Kafka,
  admin: Admin,
  marks: ReadonlyMap<string, ReadonlyMap<number, number>>,
  connectionId: string,
): Promise<DeadLetterSeen[]> {
  const grown: string[] = [];
  for (const topic of await dlqTopics(admin)) {
    const before = marks.get(topic);
    const now = await admin.fetchTopicOffsets(topic);
    if (now.some((p) => Number(p.high) > (before?.get(p.partition) ?? 0))) grown.push(topic);
  }
  if (grown.length === 0) return [];
  const letters = await readDeadLetters(kafka, admin, grown);
  return letters
    .filter((l) => Number(l.offset) >= (marks.get(l.dlqTopic)?.get(l.partition) ?? 0))
    .filter((l) => l.key?.startsWith(`${connectionId}:`))
    .map((l) => ({ topic: l.dlqTopic, key: l.key ?? '', code: l.code, reason: l.reason }));
}
