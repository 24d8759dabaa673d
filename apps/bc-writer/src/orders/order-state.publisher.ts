import { syncOrderStateV1 } from '@mlc/contracts';
import type { EventProducer } from '@mlc/platform-kafka';
import type { Logger } from '@mlc/platform-observability';
import { describeError } from '@mlc/platform-errors';
import type { OrderEventsRepository } from '../persistence/order-events.repository';

/**
 * Sends the order-state outbox to `sync.order-state.v1`: right after each handled signal for its order, and on a
 * timer for anything left behind (a publish that failed, a crash between the ledger write and the send). A
 * ledger change therefore always reaches Kafka, at least once; consumers recognise repeats by `sequence`.
 */
export class OrderStatePublisher {
  private timer?: NodeJS.Timeout;
  /** Sends go one at a time: concurrent sends on kafkajs' idempotent producer stall on sequence-number retries. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly events: OrderEventsRepository,
    private readonly producer: EventProducer,
    private readonly logger: Logger,
  ) {}

  async flushOrder(connectionId: string, orderId: number): Promise<number> {
    return this.events.flush((values) => this.send(values), { connectionId, orderId });
  }

  /** Starts the background sweep of events older than `intervalMs`. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.sweep(intervalMs), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sweep(olderThanMs: number): Promise<void> {
    try {
      while ((await this.events.flush((values) => this.send(values), { olderThanMs })) > 0) {
        // keep going until the outbox is drained
      }
    } catch (err) {
      this.logger.warn({ reason: describeError(err) }, 'order-state outbox sweep failed; retrying on the next tick');
    }
  }

  private async send(values: Parameters<EventProducer['publishMany']>[1]): Promise<void> {
    const sent = this.queue.then(() => this.producer.publishMany(syncOrderStateV1, values));
    this.queue = sent.catch(() => undefined);
    await sent;
  }
}
