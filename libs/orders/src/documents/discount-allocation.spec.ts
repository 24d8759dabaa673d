import { Decimal } from '@mlc/platform-money';
import { allocateDiscount, type DiscountableLine } from './discount-allocation';

const d = (value: string) => Decimal.parse(value);
const line = (id: number, gross: string, storeDiscount = '0'): DiscountableLine => ({
  id,
  gross: d(gross),
  storeDiscount: d(storeDiscount),
});
const cents = (result: ReturnType<typeof allocateDiscount>) =>
  result.ok ? Object.fromEntries([...result.perLine].map(([id, v]) => [id, v.toFixed(2)])) : result.detail;

describe('allocateDiscount', () => {
  it("rounds the store's own shares and puts the remainder on the largest line", () => {
    const result = allocateDiscount(
      [line(1, '49.00', '2.8080'), line(2, '31.00', '1.7765'), line(3, '7.25', '0.4155')],
      d('5.00'),
    );
    expect(cents(result)).toEqual({ 1: '2.80', 2: '1.78', 3: '0.42' });
    expect(result.ok && result.notes).toEqual(['rounding remainder -0.01 put on the largest line (store line 1)']);
  });

  it('spreads a discount the lines do not carry in proportion to their amounts', () => {
    // 10.00 over 20 / 30 / 50: 2.00, 3.00, 5.00 exactly.
    expect(cents(allocateDiscount([line(1, '20.00'), line(2, '30.00'), line(3, '50.00')], d('10.00')))).toEqual({
      1: '2.00',
      2: '3.00',
      3: '5.00',
    });
    // 1.00 over three equal lines: 0.33 each, the lost cent goes to the first largest.
    expect(cents(allocateDiscount([line(1, '10.00'), line(2, '10.00'), line(3, '10.00')], d('1.00')))).toEqual({
      1: '0.34',
      2: '0.33',
      3: '0.33',
    });
  });

  it('always adds up to the target exactly', () => {
    const lines = [line(1, '12.99'), line(2, '0.01'), line(3, '7.77'), line(4, '100.00')];
    for (const target of ['0.01', '0.99', '3.33', '17.50', '120.77']) {
      const result = allocateDiscount(lines, d(target));
      if (!result.ok) throw new Error(result.detail);
      expect(Decimal.sum(result.perLine.values()).toFixed(2)).toBe(d(target).toFixed(2));
    }
  });

  it('never gives a zero-amount line a discount', () => {
    expect(cents(allocateDiscount([line(1, '0.00'), line(2, '9.99')], d('1.00')))).toEqual({ 1: '0.00', 2: '1.00' });
  });

  it('refuses a discount larger than the lines', () => {
    expect(allocateDiscount([line(1, '5.00')], d('6.00'))).toEqual({
      ok: false,
      detail: 'discount 6.00 on store line 1 is outside 0..5.00',
    });
    expect(allocateDiscount([line(1, '0.00')], d('1.00'))).toEqual({
      ok: false,
      detail: 'discount 1.00 but no line has an amount',
    });
  });
});
