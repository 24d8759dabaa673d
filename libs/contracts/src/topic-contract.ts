import type { z } from 'zod';

/**
 * A Kafka topic's contract: its name (the version is part of the name; a breaking change is a new `.vN` topic), the
 * zod schema of its values (registered in the schema registry as JSON Schema under `<name>-value`, BACKWARD
 * compatible) and how a value's key is formed (the key decides the partition, hence the ordering guarantee).
 */
export interface TopicContract<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly schema: S;
  readonly key: (value: z.infer<S>) => string;
  readonly description: string;
}

export function defineTopic<S extends z.ZodType>(contract: TopicContract<S>): TopicContract<S> {
  return Object.freeze(contract);
}

export type TopicValue<T> = T extends TopicContract<infer S> ? z.infer<S> : never;

/** The dead-letter topic of a topic: same key, original bytes, reason in headers. */
export function dlqTopicName(topic: string): string {
  return `${topic}.dlq`;
}

/** The connection id is always the first segment of a key. */
export function connectionIdOfKey(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? key : key.slice(0, i);
}
