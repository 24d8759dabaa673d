import type { Command } from 'commander';
import { bigcommerceOrderSignalV1, bigcommerceWebhookReceivedV1, dlqTopicName, syncOrderStateV1, type TopicContract } from '@mlc/contracts';
import { DLQ_HEADERS, SchemaSerde } from '@mlc/platform-kafka';
import type { DataSource } from '@mlc/platform-persistence';
import { CliContext, withContext } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { Output } from '../output';
import { readKeyedEvents, type KeyedEvent } from './keyed-events';
import { BC_WRITER_SCHEMA } from './mappings-context';
import { parseTimeArg } from './time-arg';
import { renderTrace, type OrderTrace, type TracedEvent } from './trace-render';

/** The webhook scopes whose audit records (`bigcommerce.webhook-received.v1`) are keyed by an order id. */
const ORDER_SCOPES = ['store/order/created', 'store/order/updated', 'store/order/statusUpdated', 'store/order/archived', 'store/order/refund/created'];

interface TraceOptions {
  since?: string;
  kafka: boolean;
  json?: boolean;
}

/** `trace order <connection> <orderId>`: everything the connector knows about one order, oldest first. */
export function registerTraceCommand(program: Command): void {
  program
    .command('trace')
    .description('Show the whole story of one record')
    .command('order <connection> <orderId>')
    .description('Every event (topic, partition, offset, time), snapshot, ledger state, BC request count, document and error of one order')
    .option('--since <time>', 'read Kafka from this time (ISO 8601 or an age such as 7d; default: an hour before bc-writer first saw the order, else 30d)')
    .option('--no-kafka', 'only the ledger (do not read the topics)')
    .option('--json', 'machine-readable output')
    .action((connection: string, orderId: string, opts: TraceOptions) => traceOrder(connection, orderId, opts));
}

async function traceOrder(connectionId: string, orderIdArg: string, opts: TraceOptions): Promise<void> {
  const orderId = Number(orderIdArg);
  if (!Number.isSafeInteger(orderId) || orderId <= 0) throw new CliError(`order id must be a positive integer, not "${orderIdArg}"`, EXIT.usage);
  const explicitSince = opts.since ? parseTimeArg(opts.since, '--since') : undefined;
  await withContext(async (ctx) => {
    const registry = await ctx.registry();
    const connection = await registry.get(connectionId);
    if (!connection) throw new CliError(`connection ${connectionId} does not exist`, EXIT.notFound);
    const db = await ctx.schema(BC_WRITER_SCHEMA);
    const ledger = await readLedger(db, connectionId, orderId);
    const since = explicitSince ?? defaultSince(ledger.order, ledger.attempts);
    const events = opts.kafka ? await readEvents(ctx, connectionId, orderId, since) : [];
    if (!ledger.order && ledger.attempts.length === 0 && events.length === 0) {
      throw new CliError(`nothing is known about order ${orderId} on ${connectionId} (no ledger row, no attempt, no event since ${new Date(since).toISOString()})`, EXIT.notFound);
    }
    const version = ledger.order?.settingsVersion as number | undefined;
    const settings = version === undefined ? undefined : await registry.settingsAt(connectionId, version);
    const trace: OrderTrace = {
      connectionId,
      orderId,
      eventsSince: opts.kafka ? new Date(since).toISOString() : null,
      order: ledger.order,
      refunds: ledger.refunds,
      snapshots: ledger.snapshots,
      attempts: ledger.attempts,
      stateEvents: ledger.stateEvents,
      events,
      settings: version === undefined ? null : { version, orders: settings?.orders ?? null, current: connection.settingsVersion },
    };
    new Output(!!opts.json).result(trace, () => renderTrace(trace));
  });
}

type Row = Record<string, unknown>;

/** An hour before the first thing bc-writer recorded (webhook audit records and signals come just before it). */
function defaultSince(order: Row | null, attempts: readonly Row[]): number {
  const times = [order?.receivedAt, attempts[0]?.signalOccurredAt, attempts[0]?.startedAt]
    .map((t) => (t instanceof Date ? t.getTime() : typeof t === 'string' ? Date.parse(t) : Number.NaN))
    .filter((t) => !Number.isNaN(t));
  return times.length ? Math.min(...times) - 3_600_000 : Date.now() - 30 * 86_400_000;
}

async function readLedger(db: DataSource, connectionId: string, orderId: number) {
  const q = (sql: string): Promise<Row[]> => db.query(sql, [connectionId, orderId]);
  try {
    const [order] = await q(
      `select state, content_hash as "contentHash", snapshot_hash as "snapshotHash", settings_version as "settingsVersion",
         customer_id as "customerId", customer_number as "customerNumber", bc_document_type as "documentType",
         bc_document_id as "documentId", bc_document_number as "documentNumber", bc_invoice_id as "invoiceId",
         bc_invoice_number as "invoiceNumber", posted, write_pending as "writePending", last_error as "lastError", detail,
         attempts, received_at as "receivedAt", updated_at as "updatedAt"
       from order_ledger where connection_id = $1 and order_id = $2`,
    );
    const refunds = await q(
      `select refund_id::text as "refundId", state, total_amount::text as "totalAmount", bc_credit_memo_id as "creditMemoId",
         bc_credit_memo_number as "creditMemoNumber", posted, waiting_for_order as "waitingForOrder", last_error as "lastError",
         attempts, created_at as "createdAt", updated_at as "updatedAt"
       from refund_ledger where connection_id = $1 and order_id = $2 order by refund_id`,
    );
    const snapshots = await q(
      `select snapshot_hash as "hash", fetched_at as "fetchedAt", snapshot->>'status_id' as "statusId",
         snapshot->>'status' as "status", snapshot->>'total_inc_tax' as "totalIncTax", snapshot->>'currency_code' as "currency",
         snapshot->>'date_modified' as "dateModified", snapshot
       from order_snapshots where connection_id = $1 and order_id = $2 order by fetched_at, snapshot_hash`,
    );
    const attempts = await q(
      `select id::text as id, refund_id::text as "refundId", topic, partition, "offset", source, signal_kind as "signalKind",
         signal_occurred_at as "signalOccurredAt", started_at as "startedAt", finished_at as "finishedAt",
         snapshot_hash as "snapshotHash", decision, transitions, bc_requests as "bcRequests",
         bigcommerce_requests as "bigcommerceRequests", outcome, error
       from sync_attempts where connection_id = $1 and order_id = $2 order by started_at, sync_attempts.id`,
    );
    const stateEvents = await q(
      `select sequence, state, payload->>'refundId' as "refundId", payload->>'reason' as "reason",
         payload->>'bcDocumentNumber' as "documentNumber", created_at as "createdAt", published_at as "publishedAt"
       from order_events where connection_id = $1 and order_id = $2 order by sequence`,
    );
    return { order: order ?? null, refunds, snapshots, attempts, stateEvents };
  } catch (err) {
    if (err instanceof Error && /relation "[a-z_]+" does not exist/.test(err.message)) {
      throw new CliError('bc-writer has not created its tables in this database yet: start bc-writer once (or run "ml-connector migrate")', EXIT.config);
    }
    throw err;
  }
}

async function readEvents(ctx: CliContext, connectionId: string, orderId: number, since: number): Promise<TracedEvent[]> {
  const orderKey = `${connectionId}:${orderId}`;
  const webhookKeys = ORDER_SCOPES.map((scope) => `${connectionId}:${scope}:${orderId}`);
  const contracts: Record<string, TopicContract> = {
    [bigcommerceOrderSignalV1.name]: bigcommerceOrderSignalV1,
    [syncOrderStateV1.name]: syncOrderStateV1,
    [bigcommerceWebhookReceivedV1.name]: bigcommerceWebhookReceivedV1,
  };
  const found = await readKeyedEvents(
    ctx.kafka(),
    await ctx.admin(),
    [
      { topic: bigcommerceWebhookReceivedV1.name, keys: webhookKeys },
      { topic: bigcommerceOrderSignalV1.name, keys: [orderKey] },
      { topic: dlqTopicName(bigcommerceOrderSignalV1.name), keys: [orderKey] },
      { topic: syncOrderStateV1.name, keys: [orderKey] },
    ],
    since,
  );
  const serde = new SchemaSerde(ctx.config.SCHEMA_REGISTRY_URL);
  return Promise.all(found.map((e) => describeEvent(e, contracts[e.topic] ?? contracts[e.topic.replace(/\.dlq$/, '')], serde)));
}

async function describeEvent(e: KeyedEvent, contract: TopicContract | undefined, serde: SchemaSerde): Promise<TracedEvent> {
  let value: Record<string, unknown> | null = null;
  let undecodable: string | undefined;
  if (contract) {
    try {
      value = await serde.decode<Record<string, unknown>>(contract, e.value);
    } catch (err) {
      undecodable = err instanceof Error ? err.message : 'undecodable';
    }
  }
  const dead = e.topic.endsWith('.dlq') ? { code: e.headers[DLQ_HEADERS.code] ?? 'UNKNOWN', reason: e.headers[DLQ_HEADERS.reason] ?? '' } : undefined;
  return {
    topic: e.topic,
    partition: e.partition,
    offset: e.offset,
    time: e.time,
    key: e.key,
    value,
    ...(undecodable ? { undecodable } : {}),
    ...(dead ? { deadLetter: dead } : {}),
    ...(e.headers['x-replayed-from-dlq'] ? { replayedFrom: e.headers['x-replayed-from-dlq'] } : {}),
  };
}
