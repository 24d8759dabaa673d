import type { BigCommerceApi } from '@mlc/bigcommerce';
import type { TopicValue, bigcommerceOrderSignalV1 } from '@mlc/contracts';
import type { Connection } from '@mlc/connections';
import { parseStoreOrder, snapshotHash } from '@mlc/orders';
import { describeError, dispositionOf, PermanentError, RetryableError } from '@mlc/platform-errors';
import type { MessageContext } from '@mlc/platform-kafka';
import type { Logger } from '@mlc/platform-observability';
import { CallCounter, counted } from '../bc/call-counter';
import type { WriterBc } from '../bc/writer-bc';
import { OrderRun } from '../orders/order-run';
import type { OrderStatePublisher } from '../orders/order-state.publisher';
import type { OrderSyncService } from '../orders/order-sync.service';
import type { OrderLedgerRepository } from '../persistence/order-ledger.repository';
import type { SyncAttemptsRepository } from '../persistence/sync-attempts.repository';
import type { RefundSyncService } from '../refunds/refund-sync.service';
import { coveredBy } from './covered-signal';
import { markFailed } from './mark-failed';

export type OrderSignal = TopicValue<typeof bigcommerceOrderSignalV1>;

export interface OrderSignalDeps {
  readonly connection: (id: string) => Promise<Connection | undefined>;
  readonly bigcommerce: (id: string) => Promise<BigCommerceApi>;
  readonly businessCentral: (id: string) => Promise<WriterBc>;
  readonly ledger: OrderLedgerRepository;
  readonly attempts: SyncAttemptsRepository;
  readonly orders: OrderSyncService;
  readonly refunds: RefundSyncService;
  readonly publisher: OrderStatePublisher;
  readonly logger: Logger;
  /** False for connections another deployment (or shard) serves. */
  readonly serves: (connectionId: string) => boolean;
  /** The system whose circuit is open for the connection, if any. */
  readonly openCircuit: (connectionId: string) => string | undefined;
}

/**
 * Handles one `bigcommerce.order-signal.v1` message: fetch the order with every line (one BigCommerce call), keep
 * the snapshot, then the order's step and its refunds', recording the attempt. A store signal older than a completed
 * read of the order is covered by it (coveredBy) and recorded as skipped without a call. Idempotent: the ledger decides, so a
 * redelivered or replayed signal is a no-op. Retryable failures leave the ledger where it was (the pipeline retries
 * and then parks the connection); permanent ones mark the order or refund FAILED and dead-letter the signal.
 */
export class OrderSignalHandler {
  constructor(private readonly deps: OrderSignalDeps) {}

  readonly handle = async (signal: OrderSignal, message: MessageContext): Promise<void> => {
    if (!this.deps.serves(signal.connectionId)) return;
    const connection = await this.deps.connection(signal.connectionId);
    if (!connection) {
      this.deps.logger.warn({ connectionId: signal.connectionId, orderId: signal.orderId }, 'signal for an unknown connection skipped');
      return;
    }
    await this.deps.publisher.flushOrder(signal.connectionId, signal.orderId);
    const open = this.deps.openCircuit(signal.connectionId);
    // Nothing can be done while a system is down: park at once instead of spending a BigCommerce call on the order.
    if (open) throw new RetryableError('CIRCUIT_OPEN', `${open} circuit is open for connection ${signal.connectionId}`);
    const readAt = await this.deps.attempts.lastCompleteReadAt(signal.connectionId, signal.orderId);
    if (readAt && coveredBy(signal, readAt)) {
      await this.deps.attempts.recordSkipped(
        origin(signal, message),
        `covered: the order was read and handled at ${readAt.toISOString()}, after this signal (${signal.occurredAt})`,
      );
      return;
    }
    const counters = { bc: new CallCounter(), store: new CallCounter() };
    const attemptId = await this.deps.attempts.start(origin(signal, message));
    let run: OrderRun | undefined;
    const decisions: string[] = [];
    try {
      run = await this.prepare(connection, signal, counters);
      decisions.push(await this.deps.orders.sync(run));
      const refunds = await this.deps.refunds.sync(run);
      if (refunds) decisions.push(refunds);
      await this.finish(attemptId, run, decisions, counters, 'ok');
      await this.deps.publisher.flushOrder(signal.connectionId, signal.orderId);
    } catch (err) {
      await this.failed(err, attemptId, run, decisions, counters).catch((e: unknown) =>
        this.deps.logger.warn({ reason: describeError(e) }, 'recording a failed attempt failed'),
      );
      throw err;
    }
  };

  private async prepare(connection: Connection, signal: OrderSignal, counters: { bc: CallCounter; store: CallCounter }) {
    const store = counted(await this.deps.bigcommerce(connection.id), counters.store);
    const bc = await this.deps.businessCentral(connection.id);
    const countedBc: WriterBc = { ...bc, api: counted(bc.api, counters.bc), customerByNumber: (n) => {
      counters.bc.add('customers.byNumber');
      return bc.customerByNumber(n);
    }, localCurrencyCode: () => {
      counters.bc.add('customers.localCurrency');
      return bc.localCurrencyCode();
    } };
    const raw = await store.getOrder(signal.orderId);
    const hash = snapshotHash(raw);
    await this.deps.attempts.keepSnapshot(connection.id, signal.orderId, hash, raw);
    const parsed = parseStoreOrder(raw);
    if (!parsed.ok) throw new PermanentError('VALIDATION', `order ${signal.orderId}: ${parsed.errors.join('; ')}`);
    const row = await this.deps.ledger.get(connection.id, signal.orderId);
    const ctx = {
      connectionId: connection.id,
      settings: connection.settings.orders,
      settingsVersion: connection.settingsVersion,
      bc: countedBc,
      store,
      force: signal.source === 'resync',
      signalKind: signal.kind,
      signalAt: new Date(signal.occurredAt),
    };
    return new OrderRun(ctx, { raw, hash, order: parsed.order }, row, this.deps.ledger);
  }

  private async finish(
    attemptId: string,
    run: OrderRun | undefined,
    decisions: string[],
    counters: { bc: CallCounter; store: CallCounter },
    outcome: 'ok' | 'retry' | 'failed',
    error?: string,
  ): Promise<void> {
    await this.deps.attempts.finish(attemptId, {
      snapshotHash: run?.snapshot.hash,
      decision: decisions.join(' | ') || undefined,
      transitions: run?.transitions ?? [],
      bcRequests: counters.bc.toJSON(),
      bigcommerceRequests: counters.store.toJSON(),
      outcome,
      error,
    });
  }

  private async failed(
    err: unknown,
    attemptId: string,
    run: OrderRun | undefined,
    decisions: string[],
    counters: { bc: CallCounter; store: CallCounter },
  ): Promise<void> {
    const reason = describeError(err);
    const permanent = dispositionOf(err) === 'dead-letter';
    if (run?.row) await this.deps.ledger.countAttempt(run.key);
    if (run && permanent) await markFailed(run, `${reason.code}: ${reason.message}`);
    else if (run?.row) await run.note({ lastError: `${reason.code}: ${reason.message}` });
    await this.finish(attemptId, run, decisions, counters, permanent ? 'failed' : 'retry', `${reason.code}: ${reason.message}`);
    await this.deps.publisher.flushOrder(run?.key.connectionId ?? '', run?.key.orderId ?? 0).catch(() => 0);
  }
}

function origin(signal: OrderSignal, message: MessageContext) {
  return {
    connectionId: signal.connectionId,
    orderId: signal.orderId,
    refundId: signal.refundId,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    source: message.resumed ? `${signal.source} (resumed from parking)` : signal.source,
    signalKind: signal.kind,
    signalOccurredAt: signal.occurredAt,
  };
}
