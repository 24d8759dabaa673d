import { z } from 'zod';
import { PermanentError } from '@mlc/platform-errors';
import { Decimal } from '@mlc/platform-money';

/*
 * Business Central serialises decimals as JSON numbers, GUIDs as lower-case strings, dates as `YYYY-MM-DD` (blank is
 * `0001-01-01`), datetimes as UTC ISO strings and blank enum options as `" "`. Amounts enter as Decimal through
 * fromWireNumber and leave through toWireNumber after rounding to BC's precision.
 */

/** A BC decimal field read into a Decimal (never a float in our code). */
export const bcDecimal = z
  .number()
  .refine((n) => Math.abs(n) < 1e15, { message: 'number out of range for a decimal' })
  .transform((n) => Decimal.fromWireNumber(n));

export const bcEtag = z.string().min(1);

/** BC's precision for what we send: amounts to the cent, unit prices and quantities to 5 places (BC defaults). */
export const BC_PRECISION = { amount: 2, unitPrice: 5, quantity: 5, percent: 5 } as const;

/** Rounds half away from zero (as BC does) and renders a JSON number that prints exactly. */
export function toWireDecimal(value: Decimal, places: number): number {
  return value.round(places).toWireNumber();
}

/**
 * Validates a decoded body. A mismatch is permanent and names the first fields that failed, never their values.
 * `applied` tells the reader that a write already took effect although its answer could not be read.
 */
export function parseWire<S extends z.ZodType>(
  schema: S,
  data: unknown,
  operation: string,
  applied = false,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const fields = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'} (${issue.code})`);
  const tail = applied ? '; the write was applied' : '';
  throw new PermanentError(
    'SCHEMA_MISMATCH',
    `business-central ${operation}: unexpected response, field ${fields.join(', ')}${tail}`,
    {
      operation: `business-central ${operation}`,
    },
  );
}

/** Decodes a JSON body, refusing HTML error pages and other non-JSON answers with a permanent error. */
export function decodeJson(body: string, contentType: string | undefined, operation: string, status: number): unknown {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const details = { operation: `business-central ${operation}`, status };
  if (type && !type.endsWith('json')) {
    throw new PermanentError(
      'SCHEMA_MISMATCH',
      `business-central ${operation}: expected a JSON body, got ${type.slice(0, 60)}`,
      details,
    );
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new PermanentError('SCHEMA_MISMATCH', `business-central ${operation}: body is not valid JSON`, details);
  }
}

/** Reads `{"error":{"code","message"}}` from an error answer, tolerating anything else. */
export function readBcError(body: string): { code?: string; message?: string } {
  try {
    const parsed: unknown = JSON.parse(body);
    const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    return {
      code: typeof error?.code === 'string' ? error.code : undefined,
      message: typeof error?.message === 'string' ? error.message : undefined,
    };
  } catch {
    return {};
  }
}
