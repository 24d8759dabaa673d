import { table } from '../output';

type Row = Record<string, unknown>;

export interface TracedEvent {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly time: string;
  readonly key: string;
  readonly value: Record<string, unknown> | null;
  readonly undecodable?: string;
  readonly deadLetter?: { readonly code: string; readonly reason: string };
  readonly replayedFrom?: string;
}

/** Everything `trace order` found; printed as is with `--json`. */
export interface OrderTrace {
  readonly connectionId: string;
  readonly orderId: number;
  /** From when the topics were read (null with --no-kafka). */
  readonly eventsSince: string | null;
  readonly order: Row | null;
  readonly refunds: readonly Row[];
  readonly snapshots: readonly Row[];
  readonly attempts: readonly Row[];
  readonly stateEvents: readonly Row[];
  readonly events: readonly TracedEvent[];
  /** The settings version recorded on the ledger row (the one that decided the order), and the current one. */
  readonly settings: { readonly version: number; readonly current: number; readonly orders: unknown } | null;
}

/** The human rendering: headline, ledger, documents, then the timeline sections oldest first. */
export function renderTrace(t: OrderTrace): string {
  const out: string[] = [];
  const o = t.order;
  out.push(`order ${t.orderId} on ${t.connectionId}: ${o ? String(o.state) : 'no ledger row (bc-writer never handled it)'}`);
  if (o) {
    out.push(
      `  document     ${o.documentType ?? '-'} ${o.documentNumber ?? '(none)'}${o.posted ? ' (posted)' : ''}${o.documentId ? `  id ${String(o.documentId)}` : ''}`,
    );
    if (o.invoiceNumber) out.push(`  invoice      ${String(o.invoiceNumber)}  id ${String(o.invoiceId)}`);
    out.push(`  customer     ${o.customerNumber ?? '-'}`);
    out.push(`  last error   ${o.lastError ?? '-'}`);
    if (o.writePending) out.push(`  pending      ${String(o.writePending)} (resumes on the next signal)`);
    out.push(`  attempts     ${String(o.attempts)}, first seen ${time(o.receivedAt)}, last change ${time(o.updatedAt)}`);
  }
  if (t.settings) {
    const note = t.settings.version === t.settings.current ? 'current' : `current is ${t.settings.current}`;
    out.push(`  settings     version ${t.settings.version} decided it (${note}; "mappings settings show ${t.connectionId} --version ${t.settings.version}")`);
  }
  if (t.refunds.length) {
    out.push('', 'REFUNDS', table(t.refunds.map((r) => pick(r, ['refundId', 'state', 'totalAmount', 'creditMemoNumber', 'posted', 'lastError'])), ['refundId', 'state', 'totalAmount', 'creditMemoNumber', 'posted', 'lastError']));
  }
  out.push('', `EVENTS${t.eventsSince ? ` (Kafka since ${t.eventsSince})` : ' (Kafka not read)'}`);
  out.push(table(t.events.map(eventRow), ['time', 'topic', 'partition', 'offset', 'what']));
  out.push('', 'ATTEMPTS (one per handled signal)');
  out.push(table(t.attempts.map(attemptRow), ['started', 'signal', 'at', 'decision', 'outcome', 'bcRequests', 'transitions', 'error']));
  out.push('', 'SNAPSHOTS');
  out.push(table(t.snapshots.map((s) => ({ fetched: time(s.fetchedAt), hash: short(s.hash), status: s.status ?? s.statusId, total: s.totalIncTax, currency: s.currency })), ['fetched', 'hash', 'status', 'total', 'currency']));
  out.push('', 'STATE EVENTS (sync.order-state.v1 outbox)');
  out.push(table(t.stateEvents.map((e) => ({ seq: e.sequence, state: e.state, refund: e.refundId, document: e.documentNumber, reason: e.reason, at: time(e.createdAt), published: e.publishedAt ? 'yes' : 'not yet' })), ['seq', 'state', 'refund', 'document', 'reason', 'at', 'published']));
  return out.join('\n');
}

function eventRow(e: TracedEvent) {
  const v = e.value ?? {};
  let what: string;
  if (e.deadLetter) what = `dead letter ${e.deadLetter.code}: ${e.deadLetter.reason}`;
  else if (e.undecodable) what = `undecodable: ${e.undecodable}`;
  else if (e.topic.startsWith('sync.order-state')) what = `${v.refundId ? `refund ${String(v.refundId)} ` : ''}${String(v.previousState ?? '-')} -> ${String(v.state)}${v.bcDocumentNumber ? ` ${String(v.bcDocumentNumber)}` : ''}${v.reason ? ` (${String(v.reason)})` : ''}`;
  else if (e.topic.startsWith('bigcommerce.webhook-received')) what = `webhook ${String(v.scope)} verified by ${String(v.verifiedBy)}`;
  else what = `${String(v.kind ?? 'signal')}${v.refundId ? ` ${String(v.refundId)}` : ''} from ${String(v.source)}${v.scope ? ` (${String(v.scope)})` : ''}`;
  if (e.replayedFrom) what += ` [replayed from ${e.replayedFrom}]`;
  return { time: e.time, topic: e.topic, partition: e.partition, offset: e.offset, what };
}

function attemptRow(a: Row) {
  const transitions = Array.isArray(a.transitions)
    ? (a.transitions as Array<{ from: string | null; to: string }>).map((x) => `${x.from ?? '-'}>${x.to}`).join(' ')
    : '';
  const calls = a.bcRequests && typeof a.bcRequests === 'object' ? Object.entries(a.bcRequests as Record<string, number>).map(([k, n]) => `${k} ${n}`).join(', ') : '';
  return {
    started: time(a.startedAt),
    signal: `${String(a.signalKind)}/${String(a.source)}${a.refundId ? ` refund ${String(a.refundId)}` : ''}`,
    at: `${String(a.topic)}[${String(a.partition)}]@${String(a.offset)}`,
    decision: a.decision,
    outcome: a.outcome ?? '(unfinished)',
    bcRequests: calls || '-',
    transitions: transitions || '-',
    error: a.error,
  };
}

function pick(row: Row, keys: string[]): Row {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

function time(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return value === null || value === undefined ? '-' : String(value);
}

function short(hash: unknown): string {
  return typeof hash === 'string' ? hash.slice(0, 12) : '-';
}
