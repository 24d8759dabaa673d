import { Decimal } from '@mlc/platform-money';
import { priceOrder, spread, taxAmount } from './order-pricing';

const d = (s: string) => Decimal.parse(s);
const line = (price: string, quantity: number) => ({
  unitPrice: d(price),
  quantity,
  taxable: true,
  discountable: true,
});
const consistent = (t: { ex: Decimal; inc: Decimal; tax: Decimal }) => t.ex.plus(t.tax).eq(t.inc);

describe('order pricing', () => {
  it('adds tax to prices entered without tax, line by line and on shipping', () => {
    const order = priceOrder({
      lines: [line('19.99', 3)],
      shipping: d('10'),
      taxRate: d('0.0825'),
      pricesIncludeTax: false,
      taxShipping: true,
    });
    expect(order.lines[0]!.total).toEqual({ ex: d('59.97'), inc: d('64.92'), tax: d('4.95') });
    expect(order.lines[0]!.unit.tax.toString()).toBe('1.65');
    expect(order.shipping.tax.toString()).toBe('0.83');
    expect(order.total.inc.toString()).toBe('75.75');
    expect([order.subtotal, order.shipping, order.total].every(consistent)).toBe(true);
  });

  it('derives the ex-tax side when prices are entered with tax', () => {
    const order = priceOrder({
      lines: [line('12.00', 1)],
      shipping: d('6.00'),
      taxRate: d('0.2'),
      pricesIncludeTax: true,
      taxShipping: true,
    });
    expect(order.lines[0]!.total).toEqual({ ex: d('10'), inc: d('12'), tax: d('2') });
    expect(order.shipping).toEqual({ ex: d('5'), inc: d('6'), tax: d('1') });
    expect(order.total.inc.toString()).toBe('18');
  });

  it('spreads an order coupon over lines in proportion and taxes what remains', () => {
    const order = priceOrder({
      lines: [line('10.00', 1), line('30.00', 1)],
      shipping: Decimal.ZERO,
      taxRate: d('0.1'),
      pricesIncludeTax: false,
      taxShipping: false,
      coupon: { kind: 'per_total_discount', amount: d('4.00') },
    });
    expect(order.lines.map((l) => l.couponDiscount.toString())).toEqual(['1', '3']);
    expect(order.couponDiscount.toString()).toBe('4');
    expect(order.subtotal.ex.toString()).toBe('40');
    expect(order.total).toEqual({ ex: d('36'), inc: d('39.6'), tax: d('3.6') });
  });

  it('never discounts more than the lines are worth, and leaves untaxed, undiscountable lines alone', () => {
    const order = priceOrder({
      lines: [line('3.00', 1), { unitPrice: d('25'), quantity: 1, taxable: false, discountable: false }],
      shipping: Decimal.ZERO,
      taxRate: d('0.1'),
      pricesIncludeTax: false,
      taxShipping: false,
      coupon: { kind: 'per_item_discount', amount: d('5.00') },
      manualDiscount: d('2'),
    });
    expect(order.couponDiscount.toString()).toBe('3');
    expect(order.manualDiscount.toString()).toBe('0');
    expect(order.lines[1]!.discounted).toEqual({ ex: d('25'), inc: d('25'), tax: Decimal.ZERO });
    expect(order.total.inc.toString()).toBe('25');
  });

  it('spread gives the rounding remainder to the last share so the parts add up', () => {
    const parts = spread(d('10'), [d('1'), d('1'), d('1')]);
    expect(parts.map(String)).toEqual(['3.33', '3.33', '3.34']);
    expect(spread(d('5'), [Decimal.ZERO, d('2')]).map(String)).toEqual(['0', '5']);
  });

  it('taxAmount keeps inc = ex + tax for awkward rates', () => {
    for (const amount of ['0.01', '0.99', '123.45', '9999.99']) {
      expect(consistent(taxAmount(d(amount), d('0.0725'), true, true))).toBe(true);
      expect(consistent(taxAmount(d(amount), d('0.0725'), false, true))).toBe(true);
    }
  });
});
