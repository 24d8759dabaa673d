import type { TopicContract } from '@mlc/contracts';
import { RetryableError } from '@mlc/platform-errors';
import type { BatchPublisher } from './batch-publisher';
import type { RoutedRecord } from './routed-record';

/** Encodes values for their topic (zod, then the registered JSON Schema, Confluent framing). */
export interface RecordEncoder {
  encode(contract: TopicContract, value: unknown): Promise<Buffer>;
}

/**
 * Encodes routed records and hands them to the group-commit publisher as one submission, so a delivery's audit
 * record and signal are acknowledged together or not at all. Resolves once the broker acknowledged (acks=all);
 * rejects with PermanentError('VALIDATION') for a value its contract refuses (nothing is sent), or with
 * RetryableError('DEPENDENCY_DOWN') when the broker or the schema registry is unavailable.
 */
export class RecordPublisher {
  constructor(
    private readonly encoder: RecordEncoder,
    private readonly batches: BatchPublisher,
  ) {}

  async publish(records: readonly RoutedRecord[]): Promise<void> {
    const messages = await Promise.all(
      records.map(async ({ contract, value }) => ({
        topic: contract.name,
        key: contract.key(value),
        value: await this.encoder.encode(contract, value),
      })),
    );
    return this.batches.submit(messages);
  }
}

/** Settles like `promise`, or rejects with DEPENDENCY_DOWN after `ms` (the promise itself runs on). */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new RetryableError('DEPENDENCY_DOWN', `${what}: no acknowledgement within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
