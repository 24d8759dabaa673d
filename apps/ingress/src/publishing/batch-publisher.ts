import { RetryableError } from '@mlc/platform-errors';

/** One encoded record for Kafka. */
export interface OutboundMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer;
}

/** Sends one batch (possibly several topics) and resolves once the broker acknowledged all of it (acks=all). */
export interface BatchSender {
  send(messages: readonly OutboundMessage[]): Promise<void>;
}

export interface BatchPublisherOptions {
  /** A batch is closed at this many messages (a submission is never split). */
  readonly maxBatchMessages: number;
  /** Submissions waiting for the broker beyond this are refused at once. */
  readonly maxQueuedMessages: number;
  /** A send outstanding for longer than this marks the broker as unavailable: new submissions are refused. */
  readonly stallMs: number;
  /**
   * How long a submission that finds the producer idle waits for company before it is sent (Kafka's linger.ms).
   * 0 sends on the next turn of the event loop. Submissions made while a send is in flight never wait longer than it.
   */
  readonly lingerMs?: number;
  /** Observes each send: size and duration, and whether it was acknowledged. */
  readonly onSend?: (info: { messages: number; seconds: number; ok: boolean }) => void;
}

interface Ticket {
  readonly messages: readonly OutboundMessage[];
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

/** One sender of the pool and the start time of its send in flight, if any. */
interface Lane {
  readonly sender: BatchSender;
  sendingSince: number | undefined;
}

/**
 * Group commit over idempotent producers, each of which allows one request in flight: submissions queue while every
 * producer is busy, and a producer that completes takes everything queued as its next send. Under load the batches
 * grow with the broker's latency, so throughput scales. With more than one producer (each with its own producer id
 * and sequence numbers, so each stays idempotent) a batch can leave while another is in flight, and a delivery waits
 * for one broker round trip instead of up to two. Submissions made at the same time share no order on the broker,
 * as concurrent HTTP requests have none; a submission made after another was acknowledged is always written after it.
 * A submission that finds a producer idle waits at most `lingerMs` for others to share its request, which saves CPU
 * per delivery at moderate rates for a millisecond or so of latency.
 *
 * `submit` settles with the broker's real outcome, however long it takes; callers that must answer sooner race it
 * with their own deadline. While the broker is stuck (a send older than `stallMs`) or the queue is full, `submit`
 * rejects at once with RetryableError('DEPENDENCY_DOWN'), so a broker outage costs a fast 503, not a pile of waiters.
 */
export class BatchPublisher {
  private readonly queue: Ticket[] = [];
  private readonly lanes: Lane[];
  private queuedMessages = 0;
  private scheduled = false;
  private readonly idle: Array<() => void> = [];

  constructor(
    senders: BatchSender | readonly BatchSender[],
    private readonly options: BatchPublisherOptions,
    private readonly now: () => number = Date.now,
  ) {
    const list = Array.isArray(senders) ? (senders as readonly BatchSender[]) : [senders as BatchSender];
    if (list.length === 0) throw new Error('BatchPublisher needs at least one sender');
    this.lanes = list.map((sender) => ({ sender, sendingSince: undefined }));
  }

  /** True while no send is stuck beyond `stallMs`. */
  get healthy(): boolean {
    const now = this.now();
    return this.lanes.every((l) => l.sendingSince === undefined || now - l.sendingSince <= this.options.stallMs);
  }

  submit(messages: readonly OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    if (!this.healthy) return Promise.reject(unavailable('the broker has not acknowledged the last batch'));
    if (this.queuedMessages + messages.length > this.options.maxQueuedMessages) {
      return Promise.reject(unavailable('too many records are waiting for the broker'));
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      this.queuedMessages += messages.length;
      this.schedule();
    });
  }

  /** Resolves once nothing is queued or in flight (graceful shutdown). */
  drained(): Promise<void> {
    if (this.quiet()) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private quiet(): boolean {
    return this.queue.length === 0 && this.lanes.every((l) => l.sendingSince === undefined);
  }

  private freeLane(): Lane | undefined {
    return this.lanes.find((l) => l.sendingSince === undefined);
  }

  private schedule(): void {
    if (this.scheduled || !this.freeLane()) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      this.flush();
    };
    if (this.options.lingerMs) setTimeout(go, this.options.lingerMs);
    else setImmediate(go);
  }

  /** Hands what is queued to free producers, one batch each. */
  private flush(): void {
    for (let lane = this.freeLane(); lane && this.queue.length > 0; lane = this.freeLane()) {
      void this.send(lane, this.take());
    }
    if (this.quiet()) this.idle.splice(0).forEach((resolve) => resolve());
  }

  private async send(lane: Lane, batch: Ticket[]): Promise<void> {
    const [only] = batch;
    const messages = only && batch.length === 1 ? only.messages : batch.flatMap((t) => t.messages);
    const started = this.now();
    lane.sendingSince = started;
    let failure: unknown;
    try {
      await lane.sender.send(messages);
    } catch (err) {
      failure = err ?? new Error('send failed');
    }
    lane.sendingSince = undefined;
    this.options.onSend?.({ messages: messages.length, seconds: (this.now() - started) / 1000, ok: !failure });
    // The next batch leaves before this one's waiters resume: the broker gets work while they answer.
    this.flush();
    for (const ticket of batch) {
      if (failure === undefined) ticket.resolve();
      else ticket.reject(failure);
    }
  }

  private take(): Ticket[] {
    let taken = 0;
    let count = 0;
    for (const ticket of this.queue) {
      if (taken > 0 && count + ticket.messages.length > this.options.maxBatchMessages) break;
      taken += 1;
      count += ticket.messages.length;
    }
    this.queuedMessages -= count;
    return this.queue.splice(0, taken);
  }
}

function unavailable(message: string): RetryableError {
  return new RetryableError('DEPENDENCY_DOWN', `Kafka unavailable: ${message}`);
}
