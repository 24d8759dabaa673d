import { z } from 'zod';
import type { TopicContract } from './topic-contract';

/** The JSON Schema registered for a topic's values (draft 2020-12, inputs as they travel on the wire). */
export function toJsonSchema(contract: TopicContract): Record<string, unknown> {
  return { title: contract.name, description: contract.description, ...z.toJSONSchema(contract.schema, { io: 'input', target: 'draft-2020-12' }) };
}
