import invalid from '../__fixtures__/refund.invalid.bad-amount-and-type.json';
import partial from '../__fixtures__/refund.partial.json';
import { parseStoreRefund, parseStoreRefunds } from './to-store-refund';

describe('parseStoreRefunds', () => {
  it('maps the refunds collection with exact amounts', () => {
    const result = parseStoreRefunds(partial);
    if (!result.ok) throw new Error(result.errors.join('; '));
    const [refund] = result.refunds;
    expect(refund).toMatchObject({
      id: 7,
      orderId: 1002,
      createdAt: '2024-03-15T22:10:00.000Z',
      usesMerchantOverride: false,
    });
    expect(refund!.totalAmount.toFixed(2)).toBe('31.39');
    expect(refund!.totalTax.toFixed(2)).toBe('2.39');
    expect(refund!.items.map((i) => [i.type, i.itemId, i.quantity, i.requestedAmount?.toString() ?? null])).toEqual([
      ['PRODUCT', 201, 1, null],
      ['SHIPPING', 21, null, '5'],
    ]);
    expect(refund!.payments).toHaveLength(1);
  });

  it('sums item adjustments', () => {
    const raw = {
      ...partial.data[0]!,
      items: [
        {
          ...partial.data[0]!.items[0]!,
          adjustments: [
            { amount: -1.5, description: 'fee' },
            { amount: -0.25, description: 'x' },
          ],
        },
      ],
    };
    const result = parseStoreRefund(raw);
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(result.refund.items[0]!.adjustment.toString()).toBe('-1.75');
  });

  it('names the fields of a malformed refund', () => {
    expect(parseStoreRefunds(invalid)).toEqual({
      ok: false,
      errors: [
        'refunds.data.0.total_amount: expected a decimal string such as "19.9900"',
        expect.stringMatching(/^refunds\.data\.0\.items\.0\.item_type: /),
      ],
    });
  });
});
