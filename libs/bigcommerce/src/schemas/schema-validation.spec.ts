import { PermanentError } from '@mlc/platform-errors';
import { z } from 'zod';
import { orderSchema } from './order.schema';
import { formatPath, validateResponse } from './schema-validation';
import { buildOrder, buildOrderProduct } from '../testing/fixtures';

describe('response validation', () => {
  it('formats nested paths the way a reader would look them up', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['consignments', 'shipping', 0, 'line_items', 12, 'sku'])).toBe(
      'consignments.shipping[0].line_items[12].sku',
    );
    expect(formatPath([3, 'id'])).toBe('[3].id');
  });

  it('passes valid payloads through with unknown fields intact', () => {
    const order = { ...buildOrder(9), brand_new_field: { x: 1 } };
    const parsed = validateResponse(orderSchema, order, 'GET /v2/orders/{id}');
    expect((parsed as Record<string, unknown>)['brand_new_field']).toEqual({ x: 1 });
  });

  it.each([
    ['a float where a money string is due', { total_inc_tax: 69.84 }, 'total_inc_tax'],
    ['an ISO date in a v2 date field', { date_modified: '2019-03-05T21:40:11Z' }, 'date_modified'],
    ['a missing billing address', { billing_address: undefined }, 'billing_address'],
  ])('names the field for %s, never its value', (_name, override, field) => {
    const order = { ...buildOrder(9), ...override };
    let error: unknown;
    try {
      validateResponse(orderSchema, order, 'GET /v2/orders/{id}');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe('SCHEMA_MISMATCH');
    expect((error as PermanentError).message).toMatch(
      new RegExp(`^bigcommerce GET /v2/orders/\\{id\\}: field "${field}"`),
    );
    expect((error as PermanentError).message).not.toContain('69.84');
  });

  it('counts the other issues', () => {
    const lines = [buildOrderProduct({ sku: 1 as unknown as string, quantity: 'two' as unknown as number })];
    expect(() => validateResponse(orderSchema, buildOrder(9, { lines }), 'GET /v2/orders/{id}')).toThrow(
      '(and 1 more)',
    );
    expect(() => validateResponse(z.object({ a: z.string() }), null, 'GET /x')).toThrow('field "(root)"');
  });
});
