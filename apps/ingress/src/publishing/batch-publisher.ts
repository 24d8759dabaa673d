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

/**
 * Group commit over an idempotent producer (which allows one request in flight): while a send is outstanding, new
 * submissions queue; when it completes, everything queued goes out as the next send. Under load the batches grow
 * with the broker's latency, so throughput scales; a submission that finds the producer idle waits at most `lingerMs`
 * for others to share its request, which saves CPU per delivery at moderate rates for a millisecond of latency.
 *
 * `submit` settles with the broker's real outcome, however long it takes; callers that must answer sooner race it
 * with their own deadline. While the broker is stuck (a send older than `stallMs`) or the queue is full, `submit`
 * rejects at once with RetryableError('DEPENDENCY_DOWN'), so a broker outage costs a fast 503, not a pile of waiters.
 */
export class BatchPublisher {
  private readonly queue: Ticket[] = [];
  private queuedMessages = 0;
  private sendingSince: number | undefined;
  private scheduled = false;
  private readonly idle: Array<() => void> = [];

  constructor(
    private readonly sender: BatchSender,
    private readonly options: BatchPublisherOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** True while no send is stuck beyond `stallMs`. */
  get healthy(): boolean {
    return this.sendingSince === undefined || this.now() - this.sendingSince <= this.options.stallMs;
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
    if (this.sendingSince === undefined && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.sendingSince !== undefined) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      void this.flush();
    };
    if (this.options.lingerMs) setTimeout(go, this.options.lingerMs);
    else setImmediate(go);
  }

  private async flush(): Promise<void> {
    if (this.sendingSince !== undefined) return;
    const batch = this.take();
    if (batch.length === 0) {
      this.idle.splice(0).forEach((resolve) => resolve());
      return;
    }
    const messages = batch.flatMap((t) => t.messages);
    const started = this.now();
    this.sendingSince = started;
    let failure: unknown;
    try {
      await this.sender.send(messages);
    } catch (err) {
      failure = err;
    }
    this.sendingSince = undefined;
    this.options.onSend?.({ messages: messages.length, seconds: (this.now() - started) / 1000, ok: !failure });
    for (const ticket of batch) {
      if (failure === undefined) ticket.resolve();
      else ticket.reject(failure);
    }
    if (this.queue.length > 0) void this.flush();
    else this.idle.splice(0).forEach((resolve) => resolve());
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
