import { PermanentError } from '@mlc/platform-errors';
import { z } from 'zod';

/**
 * Validates a decoded response. A mismatch is a PermanentError naming the operation and the first failing field
 * path (`consignments.shipping[0].line_items[1].price_ex_tax`), never the value, so a surprising payload fails at
 * the adapter boundary instead of deep in a mapping.
 */
export function validateResponse<T>(schema: z.ZodType<T>, value: unknown, operation: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new PermanentError('SCHEMA_MISMATCH', describeIssues(result.error.issues, `bigcommerce ${operation}`), {
    operation: `bigcommerce ${operation}`,
  });
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], where: string): string {
  const first = issues[0];
  if (!first) return `${where}: response does not match its schema`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${where}: field "${formatPath(first.path)}" ${first.message}${more}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
