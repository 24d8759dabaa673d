import { randomUUID } from 'node:crypto';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { connectionIdOfKey, TopicContract } from '@mlc/contracts';
import { describeError, dispositionOf, RetryableError } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import { retry } from '@mlc/platform-resilience';
import { deadLetterRecord, headersToStrings } from './dead-letter';
import type { EventProducer } from './event-producer';
import type { NewParkedMessage, ParkingLot } from './parking-lot.port';
import { consumerLag, handleSeconds, messagesTotal, parkedMessages, parkedOldestSeconds } from './pipeline-metrics';
import type { SchemaSerde } from './schema-serde';

export interface MessageContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly connectionId: string;
  readonly headers: Record<string, string>;
  /** True when the message comes out of the parking lot rather than straight off the partition. */
  readonly resumed: boolean;
}

export type MessageHandler<V> = (value: V, ctx: MessageContext) => Promise<void>;

export interface PipelineOptions<V> {
  readonly kafka: Kafka;
  readonly serde: SchemaSerde;
  readonly producer: EventProducer;
  readonly parking: ParkingLot;
  readonly groupId: string;
  readonly topic: TopicContract;
  readonly handler: MessageHandler<V>;
  /** Called after a message was dead-lettered (e.g. to mark the ledger FAILED). Must be idempotent. */
  readonly onDeadLetter?: (err: unknown, ctx: MessageContext, value?: V) => Promise<void>;
  readonly logger: Logger;
  readonly retry?: { attempts: number; baseMs: number; maxMs: number };
  readonly resumeIntervalMs?: number;
  /**
   * Group members this pipeline runs in the process (default 1). kafkajs fetches again only when every batch of the
   * previous fetch from a broker is handled, so within one member a partition whose handler waits (a rate-limit
   * window, a slow API, retries) holds back every other partition it was fetched with. Each member fetches and
   * handles its own partitions, so with as many members as partitions a slow partition delays only itself.
   */
  readonly members?: number;
  /** Partitions one member handles at once (kafkajs `partitionsConsumedConcurrently`, default 3). */
  readonly partitionsConsumedConcurrently?: number;
  readonly fromBeginning?: boolean;
  /**
   * The group session (default 30 s). The pipeline heartbeats on a timer while a handler runs, so a handler that
   * waits longer than this (a rate-limit window, a slow API) keeps its partitions instead of being evicted.
   */
  readonly sessionTimeoutMs?: number;
  /** Unknown errors crash: by default the process exits and its supervisor restarts it. */
  readonly onCrash?: (err: unknown) => void;
}

type Outcome = 'handled' | 'dead_lettered' | 'parked' | 'still_parked';

/** How long a drainer holds a parked connection without renewing its claim. */
const DRAIN_LEASE_MS = 60_000;

/**
 * The one consumer pipeline: decode -> validate -> handle -> classify -> retry with full-jitter backoff, park the
 * connection (retryable, circuit open) or dead-letter (permanent, invalid) BEFORE the offset is committed. Messages of
 * a partition are handled one at a time, so per-key order holds; a parked connection's later messages queue behind
 * its parked ones while other connections on the same partition keep moving. Unknown errors crash.
 */
export class ConsumerPipeline<V> {
  private readonly consumers: Consumer[];
  private readonly instanceId = randomUUID();
  private drainer?: NodeJS.Timeout;
  private draining = false;
  private crashed = false;
  private readonly heartbeatIntervalMs: number;

  constructor(private readonly opts: PipelineOptions<V>) {
    const sessionTimeout = opts.sessionTimeoutMs ?? 30_000;
    this.heartbeatIntervalMs = Math.max(500, Math.min(3000, Math.floor(sessionTimeout / 5)));
    const members = opts.members ?? 1;
    if (!Number.isInteger(members) || members < 1) throw new Error(`ConsumerPipeline ${opts.groupId}: members must be a whole number >= 1, got ${members}`);
    this.consumers = Array.from({ length: members }, () =>
      opts.kafka.consumer({ groupId: opts.groupId, sessionTimeout, heartbeatInterval: this.heartbeatIntervalMs }),
    );
  }

  async start(): Promise<void> {
    try {
      await settleAll(this.consumers.map((c) => this.startMember(c)));
    } catch (err) {
      // No member may go on consuming behind a start reported as failed.
      await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
      throw err;
    }
    const interval = this.opts.resumeIntervalMs ?? 5000;
    this.drainer = setInterval(() => void this.drainParked(), interval);
    this.drainer.unref();
  }

  /** Every member leaves the group (each finishing the message in hand) before this returns, even if one fails. */
  async stop(): Promise<void> {
    clearInterval(this.drainer);
    await settleAll(this.consumers.map((c) => c.disconnect()));
  }

  private async startMember(consumer: Consumer): Promise<void> {
    // kafkajs gives up on a member after an error it does not retry: the others would take its partitions and the
    // process would run on with less concurrency than configured. Treat it like any unknown error: crash.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.crashed) this.crash(payload.error, { group: this.opts.groupId }, 'consumer group member stopped: crashing');
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.opts.topic.name, fromBeginning: this.opts.fromBeginning ?? true });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1000,
      autoCommitThreshold: 20,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /** Resumes parked connections now (also runs on a timer). */
  async drainParked(): Promise<void> {
    if (this.draining || this.crashed) return;
    this.draining = true;
    try {
      for (const connectionId of await this.opts.parking.parkedConnections(this.opts.groupId)) {
        if (await this.opts.parking.claim(this.opts.groupId, connectionId, this.instanceId, DRAIN_LEASE_MS)) {
          await this.drainConnection(connectionId);
        }
      }
      const stats = await this.opts.parking.stats(this.opts.groupId);
      parkedMessages.set({ group: this.opts.groupId }, stats.count);
      parkedOldestSeconds.set({ group: this.opts.groupId }, stats.oldestAgeMs / 1000);
    } catch (err) {
      this.opts.logger.warn({ err: describeError(err), group: this.opts.groupId }, 'resuming parked messages failed');
    } finally {
      this.draining = false;
    }
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload) {
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || this.crashed) break;
      const raw = this.toRaw(batch.topic, batch.partition, message);
      const started = process.hrtime.bigint();
      const outcome = await this.whileBeating(heartbeat, () => this.fromPartition(raw));
      handleSeconds.observe({ topic: batch.topic, group: this.opts.groupId }, Number(process.hrtime.bigint() - started) / 1e9);
      messagesTotal.inc({ topic: batch.topic, group: this.opts.groupId, outcome });
      resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
    consumerLag.set({ topic: batch.topic, group: this.opts.groupId, partition: String(batch.partition) }, Number(batch.offsetLag()));
  }

  /**
   * kafkajs heartbeats only when asked to; a handler that runs past the session would lose its partitions and the
   * message would be handled twice. Beat on a timer while the work runs, retry sleeps included. A failed beat (a
   * rebalance began, or the broker is unreachable) is not the handler's error and never crashes the process: the
   * consumer loop sees it at the next batch.
   */
  private async whileBeating<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => {
      heartbeat().catch((err: unknown) =>
        this.opts.logger.debug({ group: this.opts.groupId, reason: describeError(err) }, 'heartbeat during a handler failed'),
      );
    }, this.heartbeatIntervalMs);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private async fromPartition(raw: NewParkedMessage): Promise<Outcome> {
    const connectionId = connectionIdOfKey(raw.key);
    if (await this.opts.parking.appendIfParked(this.opts.groupId, connectionId, raw)) return 'still_parked';
    const result = await this.process(raw, false);
    if (result.kind === 'retry-later') {
      await this.opts.parking.park(this.opts.groupId, connectionId, raw, describeError(result.err).message);
      this.opts.logger.warn({ connectionId, key: raw.key, reason: describeError(result.err) }, 'connection parked');
      return 'parked';
    }
    return result.kind;
  }

  /**
   * Drains a parked connection: each partition it has parked messages from is its own queue (a key always maps to the
   * same partition), drained side by side in order, so catching up after an outage is not one message at a time.
   * Stops at the first message that must wait again, or when the drain lease is lost; unparks once nothing is left.
   */
  private async drainConnection(connectionId: string): Promise<void> {
    const lease = { claimedAt: Date.now(), lost: false };
    for (;;) {
      const partitions = await this.opts.parking.parkedPartitions(this.opts.groupId, connectionId);
      if (partitions.length === 0) {
        if (await this.opts.parking.unparkIfEmpty(this.opts.groupId, connectionId)) {
          this.opts.logger.info({ connectionId, group: this.opts.groupId }, 'connection resumed');
          return;
        }
        continue;
      }
      const drained = await Promise.all(partitions.map((p) => this.drainPartition(connectionId, p, lease)));
      if (drained.includes('stopped')) return;
    }
  }

  private async drainPartition(connectionId: string, partition: number, lease: { claimedAt: number; lost: boolean }): Promise<'empty' | 'stopped'> {
    for (;;) {
      if (this.crashed || lease.lost) return 'stopped';
      // Renew the drain lease before it runs out: a long catch-up must not let another instance drain beside it.
      if (Date.now() - lease.claimedAt > DRAIN_LEASE_MS / 3) {
        lease.claimedAt = Date.now();
        lease.lost = !(await this.opts.parking.claim(this.opts.groupId, connectionId, this.instanceId, DRAIN_LEASE_MS));
        if (lease.lost) return 'stopped';
      }
      const next = await this.opts.parking.peek(this.opts.groupId, connectionId, partition);
      if (!next) return 'empty';
      const result = await this.process(next, true);
      if (result.kind === 'retry-later') return 'stopped';
      await this.opts.parking.remove(next.id);
      messagesTotal.inc({ topic: next.topic, group: this.opts.groupId, outcome: result.kind });
    }
  }

  /** Decode, handle with retries, and settle: handled, dead-lettered, or to be retried later (parking). */
  private async process(
    raw: NewParkedMessage,
    resumed: boolean,
  ): Promise<{ kind: 'handled' | 'dead_lettered' } | { kind: 'retry-later'; err: unknown }> {
    const ctx: MessageContext = { ...raw, connectionId: connectionIdOfKey(raw.key), resumed };
    let value: V | undefined;
    try {
      value = await this.opts.serde.decode<V>(this.opts.topic, raw.value);
      const decoded = value;
      await retry(() => this.opts.handler(decoded, ctx), {
        ...(this.opts.retry ?? { attempts: 4, baseMs: 200, maxMs: 5000 }),
        isRetryable: (err) => dispositionOf(err) === 'retry' && !isCircuitOpen(err),
        onRetry: ({ attempt, err }) => {
          messagesTotal.inc({ topic: raw.topic, group: this.opts.groupId, outcome: 'retried' });
          this.opts.logger.info({ key: raw.key, attempt, reason: describeError(err) }, 'retrying message');
        },
      });
      return { kind: 'handled' };
    } catch (err) {
      const disposition = dispositionOf(err);
      if (disposition === 'retry') return { kind: 'retry-later', err };
      if (disposition === 'dead-letter') {
        await this.deadLetter(raw, err);
        await this.opts.onDeadLetter?.(err, ctx, value);
        return { kind: 'dead_lettered' };
      }
      this.crash(err, { key: raw.key, offset: raw.offset });
      throw err;
    }
  }

  private async deadLetter(raw: NewParkedMessage, err: unknown): Promise<void> {
    const record = deadLetterRecord({ ...raw, group: this.opts.groupId }, raw.key, raw.value, err, new Date());
    await this.opts.producer.sendRaw(record.topic, [record.message]);
    this.opts.logger.warn({ key: raw.key, topic: raw.topic, offset: raw.offset, reason: describeError(err) }, 'dead-lettered');
  }

  private crash(err: unknown, where: Record<string, unknown>, message = 'unexpected error: crashing'): void {
    this.crashed = true;
    clearInterval(this.drainer);
    this.opts.logger.fatal({ ...where, err: describeError(err) }, message);
    (this.opts.onCrash ?? (() => process.exit(1)))(err);
  }

  private toRaw(topic: string, partition: number, m: KafkaMessage): NewParkedMessage {
    return {
      topic,
      partition,
      offset: m.offset,
      key: m.key?.toString('utf8') ?? '',
      value: m.value,
      headers: headersToStrings(m.headers as Record<string, unknown>),
    };
  }
}

/** Waits for every promise, then fails with the first rejection (Promise.all would return before the rest settle). */
async function settleAll(promises: Array<Promise<unknown>>): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function isCircuitOpen(err: unknown): boolean {
  return err instanceof RetryableError && err.code === 'CIRCUIT_OPEN';
}
