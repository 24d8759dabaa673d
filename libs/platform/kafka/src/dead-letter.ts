import { describeError } from '@mlc/platform-errors';
import { dlqTopicName } from '@mlc/contracts';

export const DLQ_HEADERS = {
  reason: 'x-dlq-reason',
  code: 'x-dlq-code',
  topic: 'x-original-topic',
  partition: 'x-original-partition',
  offset: 'x-original-offset',
  group: 'x-consumer-group',
  at: 'x-dlq-at',
} as const;

export interface DeadLetterSource {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly group: string;
  readonly headers: Record<string, string>;
}

/** The DLQ record: the original key and bytes, the original headers, and why it failed (secret-free, bounded). */
export function deadLetterRecord(source: DeadLetterSource, key: string | null, value: Buffer | null, err: unknown, now: Date) {
  const { code, message } = describeError(err);
  return {
    topic: dlqTopicName(source.topic),
    message: {
      key,
      value,
      headers: {
        ...source.headers,
        [DLQ_HEADERS.reason]: message.slice(0, 500),
        [DLQ_HEADERS.code]: code,
        [DLQ_HEADERS.topic]: source.topic,
        [DLQ_HEADERS.partition]: String(source.partition),
        [DLQ_HEADERS.offset]: source.offset,
        [DLQ_HEADERS.group]: source.group,
        [DLQ_HEADERS.at]: now.toISOString(),
      },
    },
  };
}

export function headersToStrings(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined || v === null) continue;
    out[k] = Buffer.isBuffer(v) ? v.toString('utf8') : Array.isArray(v) ? v.map(String).join(',') : String(v);
  }
  return out;
}
