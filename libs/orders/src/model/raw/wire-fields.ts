import { z } from 'zod';
import { parseStoreDate } from '../dates';

/** v2 money: a decimal string with up to 4 places in practice ("19.9900"); never a float. */
export const moneyString = z.string().regex(/^-?\d+(\.\d{1,8})?$/, 'expected a decimal string such as "19.9900"');

/** Consignment and refund amounts are JSON numbers in the specs (`cost_ex_tax: 5.1`); strings are accepted too. */
export const moneyLoose = z.union([moneyString, z.number().finite()], {
  error: 'expected a decimal number or decimal string',
});

/** v2 dates are RFC 2822 in UTC ("Tue, 05 Mar 2019 21:40:11 +0000"); ISO 8601 is accepted as well. */
export const storeDate = z
  .string()
  .refine(
    (value) => parseStoreDate(value) !== null,
    'expected an RFC 2822 date such as "Tue, 05 Mar 2019 21:40:11 +0000"',
  );

/** Text fields BigCommerce may send as null or leave out; the domain sees an empty string. */
export const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

/** Rejects a `{url, resource}` reference with a message that says which request parameter was missing. */
export function notAReference(hint: string) {
  return (value: unknown, ctx: z.RefinementCtx) => {
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      'resource' in value &&
      !('id' in value)
    ) {
      ctx.addIssue({ code: 'custom', message: `is a resource reference, not inline data (${hint})` });
    }
  };
}
