import { Decimal } from '@mlc/platform-money';
import { ORDER_SCENARIOS, runOrderScenario } from './__fixtures__/order-scenarios';
import { lineAmount } from './documents/build-context';

/*
 * Order 1017 (`order.more-than-50-lines`, golden in __fixtures__): 60 lines, more than one page of
 * /v2/orders/{id}/products (50). The golden spec compares the whole document; these name the properties that matter.
 */
const LINES = 60;

describe('an order with more than 50 lines', () => {
  const { order, result } = runOrderScenario('order.more-than-50-lines');
  if (result?.kind !== 'draft') throw new Error(`expected a draft, got ${JSON.stringify(result)}`);
  const raw = ORDER_SCENARIOS['order.more-than-50-lines']!.raw as { total_inc_tax: string };

  it('keeps every line of the consignment (no 50-line page cut)', () => {
    expect(order.lines).toHaveLength(LINES);
    expect(result.lines.filter((l) => l.lineType === 'Item')).toHaveLength(LINES);
  });

  it('numbers lines 10000 apart in store order, shipping and tax last', () => {
    expect(result.lines.map((l) => l.sequence)).toEqual(Array.from({ length: LINES + 2 }, (_, i) => (i + 1) * 10000));
    expect(result.lines.slice(-2).map((l) => l.source.kind)).toEqual(['shipping', 'store-tax']);
  });

  it('adds up to the store total to the cent', () => {
    const expected = Decimal.parse(raw.total_inc_tax);
    expect(Decimal.sum(result.lines.map(lineAmount)).toFixed(2)).toBe(expected.toFixed(2));
    expect(result.totals.expectedDocumentTotal?.toFixed(2)).toBe(expected.toFixed(2));
  });
});
