import type { z } from 'zod';

/**
 * Turns zod issues into one line each that names the field: `consignments.shipping.0.line_items.2.price_ex_tax:
 * expected a decimal string`. Values are never echoed, so addresses and emails stay out of logs.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], root?: string): string[] {
  return issues.map((issue) => {
    const path = [root, ...issue.path.map(String)].filter((part) => part !== undefined && part !== '').join('.');
    return `${path || '(root)'}: ${issue.message}`;
  });
}
