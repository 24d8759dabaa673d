import { Decimal } from '@mlc/platform-money';
import { ORDER_SCENARIOS } from './order-scenarios';

type Raw = Record<string, unknown> & {
  consignments: Record<string, unknown>;
};
type RawLine = Record<string, string> & { quantity: number; applied_discounts: { amount: string }[] };

const d = (value: unknown) => Decimal.parse(String(value));
const sum = (values: Decimal[]) => Decimal.sum(values);

function linesOf(raw: Raw): RawLine[] {
  const c = raw.consignments as {
    shipping: { line_items: RawLine[] }[];
    pickups: { line_items: RawLine[] }[];
    downloads: { line_items: RawLine[] }[];
    email: { gift_certificates: { line_items: RawLine[] }[] };
  };
  return [...c.shipping, ...c.pickups, ...c.downloads, ...c.email.gift_certificates].flatMap((x) => x.line_items);
}

/** The fixtures must add up the way BigCommerce's own figures do, or the goldens would prove nothing. */
describe.each(Object.keys(ORDER_SCENARIOS))('fixture %s', (name) => {
  const raw = ORDER_SCENARIOS[name]!.raw as Raw;
  const lines = linesOf(raw);
  const field = (key: string) => d(raw[key]);

  it('has line totals of price x quantity and a subtotal of the lines', () => {
    for (const line of lines) {
      if (!raw['is_tax_inclusive_pricing'])
        expect(d(line.total_ex_tax).eq(d(line.price_ex_tax).times(line.quantity))).toBe(true);
      expect(d(line.total_inc_tax).eq(d(line.total_ex_tax).plus(d(line.total_tax)))).toBe(true);
    }
    expect(sum(lines.map((l) => d(l.total_ex_tax))).eq(field('subtotal_ex_tax'))).toBe(true);
    expect(sum(lines.map((l) => d(l.total_tax))).eq(field('subtotal_tax'))).toBe(true);
  });

  it('has total_ex_tax = subtotal + shipping + handling + wrapping - discounts, and total_inc_tax = total_ex_tax + total_tax', () => {
    const charges = ['shipping_cost_ex_tax', 'handling_cost_ex_tax', 'wrapping_cost_ex_tax'].map(field);
    const discounts = field('discount_amount').plus(field('coupon_discount'));
    expect(field('subtotal_ex_tax').plus(sum(charges)).minus(discounts).toFixed(4)).toBe(
      field('total_ex_tax').toFixed(4),
    );
    const taxes = ['subtotal_tax', 'shipping_cost_tax', 'handling_cost_tax', 'wrapping_cost_tax'].map(field);
    expect(sum(taxes).toFixed(4)).toBe(field('total_tax').toFixed(4));
    expect(field('total_ex_tax').plus(field('total_tax')).toFixed(4)).toBe(field('total_inc_tax').toFixed(4));
    expect(field('total_inc_tax').round(2).eq(field('total_inc_tax'))).toBe(true);
  });

  it("carries the order's discounts on the lines and its shipping on the consignments", () => {
    const applied = sum(lines.flatMap((l) => l.applied_discounts.map((a) => d(a.amount))));
    expect(applied.toFixed(4)).toBe(field('discount_amount').plus(field('coupon_discount')).toFixed(4));
    const shipping = (raw.consignments as { shipping: { cost_ex_tax: number }[] }).shipping;
    expect(sum(shipping.map((s) => Decimal.fromWireNumber(s.cost_ex_tax))).toFixed(4)).toBe(
      field('shipping_cost_ex_tax').toFixed(4),
    );
  });
});
