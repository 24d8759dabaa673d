import { z } from 'zod';
import { isIso8601, isRfc2822 } from '../values/dates';
import { MONEY_PATTERN } from '../values/money';

/**
 * Building blocks for response schemas. Objects are loose (unknown fields pass through untouched, so a new
 * BigCommerce field never breaks us) but strict on the fields we read.
 */
export const id = z.number().int().nonnegative();

/** v2 money: a decimal string such as "62.6793". */
export const moneyString = z.string().regex(MONEY_PATTERN, 'expected a decimal amount string');

/** v3 money: a JSON number (catalog, refunds), or a decimal string where a payload mixes both. */
export const wireMoney = z.union([z.number().finite(), moneyString]);

export const rfc2822Date = z.string().refine(isRfc2822, 'expected an RFC 2822 date');

/** v2 `date_shipped` is `""` until the order has shipped. */
export const rfc2822DateOrEmpty = z.union([z.literal(''), rfc2822Date]);

export const isoDateTime = z.string().refine(isIso8601, 'expected an ISO 8601 date-time with offset');

export const resourceRef = z.looseObject({ url: z.string(), resource: z.string() });

export const v3Pagination = z.looseObject({
  total: z.number().int().optional(),
  count: z.number().int().optional(),
  per_page: z.number().int().optional(),
  current_page: z.number().int(),
  total_pages: z.number().int(),
  links: z.looseObject({ previous: z.string().optional(), next: z.string().optional() }).optional(),
});

export const cursorPagination = z.looseObject({
  count: z.number().int().optional(),
  per_page: z.number().int().optional(),
  start_cursor: z.string().optional(),
  end_cursor: z.string().optional(),
  links: z.looseObject({ previous: z.string().optional(), next: z.string().optional() }).optional(),
});

/** v3 meta is `{}` on single resources and some lists, `{pagination}` or `{pagination, cursor_pagination}` on others. */
export const v3Meta = z
  .looseObject({ pagination: v3Pagination.optional(), cursor_pagination: cursorPagination.optional() })
  .optional();

export function v3Collection<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: z.array(item), meta: v3Meta });
}

export function v3Single<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: item, meta: z.unknown().optional() });
}
