import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from '@mlc/platform-persistence';

/** p50 / p90 / p99 / max of a list of seconds (nearest rank), rounded to 0.1 s. */
function spread(values: number[]): string {
  if (values.length === 0) return 'none';
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0).toFixed(1);
  return `p50 ${at(0.5)} / p90 ${at(0.9)} / p99 ${at(0.99)} / max ${at(1)} s (n=${sorted.length})`;
}

/**
 * Where bc-writer's time went, from its own sync_attempts and order-state outbox: how long signals queued before
 * bc-writer took them, how long a handler ran, and webhook to POSTED per order. Written next to the service logs
 * (diagnosis.json, and every attempt in sync-attempts.csv) and returned as lines for the test output, so a slow run says why without re-running it.
 */
export async function writeDiagnosis(writerDb: DataSource, connectionId: string, logDir: string): Promise<string[]> {
  const attempts: Array<{ queued: number | null; ran: number | null; outcome: string | null; source: string; row: string }> =
    await writerDb.query(
      `select extract(epoch from started_at - signal_occurred_at)::float as queued,
              extract(epoch from finished_at - started_at)::float as ran, outcome, source,
              concat_ws(',', order_id, coalesce(refund_id::text, ''), partition, "offset", source, signal_occurred_at, started_at,
                        finished_at, coalesce(outcome, ''), replace(coalesce(decision, ''), ',', ';')) as row
         from sync_attempts where connection_id = $1 order by id`,
      [connectionId],
    );
  const posted: Array<{ seconds: number }> = await writerDb.query(
    `select extract(epoch from min(e.created_at) - min(a.signal_occurred_at))::float as seconds
       from order_events e join sync_attempts a on a.connection_id = e.connection_id and a.order_id = e.order_id and a.refund_id is null
      where e.connection_id = $1 and e.state = 'POSTED' group by e.order_id`,
    [connectionId],
  );
  const outcomes: Record<string, number> = {};
  for (const a of attempts) outcomes[a.outcome ?? 'unfinished'] = (outcomes[a.outcome ?? 'unfinished'] ?? 0) + 1;
  const report = {
    attempts: attempts.length,
    outcomes,
    bySource: attempts.reduce<Record<string, number>>((m, a) => ({ ...m, [a.source]: (m[a.source] ?? 0) + 1 }), {}),
    signalQueuedSeconds: spread(attempts.flatMap((a) => (a.queued === null ? [] : [a.queued]))),
    handlerSeconds: spread(attempts.flatMap((a) => (a.ran === null ? [] : [a.ran]))),
    signalToPostedSeconds: spread(posted.map((p) => p.seconds)),
  };
  writeFileSync(path.join(logDir, 'diagnosis.json'), `${JSON.stringify(report, null, 2)}\n`);
  const header = 'order_id,refund_id,partition,offset,source,signal_occurred_at,started_at,finished_at,outcome,decision';
  writeFileSync(path.join(logDir, 'sync-attempts.csv'), [header, ...attempts.map((a) => a.row)].join('\n') + '\n');
  return [
    `bc-writer: ${report.attempts} attempts ${JSON.stringify(report.outcomes)} by source ${JSON.stringify(report.bySource)}`,
    `bc-writer: signal queued before its attempt ${report.signalQueuedSeconds}`,
    `bc-writer: handler ${report.handlerSeconds}`,
    `bc-writer: first signal -> POSTED ${report.signalToPostedSeconds}`,
  ];
}
