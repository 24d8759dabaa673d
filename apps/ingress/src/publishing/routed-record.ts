import type { z } from 'zod';
import type { TopicContract } from '@mlc/contracts';

/** A value bound for one topic; the contract gives its key and validates it on encoding. */
export interface RoutedRecord<S extends z.ZodType = z.ZodType> {
  readonly contract: TopicContract<S>;
  readonly value: z.infer<S>;
}

/** Binds a value to its contract, checked by the compiler, then widened for lists of mixed topics. */
export function routedRecord<S extends z.ZodType>(contract: TopicContract<S>, value: z.infer<S>): RoutedRecord {
  return { contract, value } as RoutedRecord;
}
