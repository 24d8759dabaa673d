import { PermanentError } from '@mlc/platform-errors';
import { Decimal } from '@mlc/platform-money';
import { formatMoney, parseMoney, toWireMoney } from './money';

describe('money', () => {
  it('reads v2 4-decimal strings exactly', () => {
    const lines = ['62.6793', '0.1000', '0.2000'].map((s) => parseMoney(s));
    expect(Decimal.sum(lines).toFixed(4)).toBe('62.9793');
    expect(parseMoney('-3.5000').toString()).toBe('-3.5');
  });

  it('reads v3 JSON numbers without float drift', () => {
    expect(parseMoney(0.1).plus(parseMoney(0.2)).toString()).toBe('0.3');
    expect(parseMoney(21.83).toFixed(4)).toBe('21.8300');
  });

  it.each(['', '12,50', '1e3', 'NaN', '$5.00', '1.2.3'])(
    'refuses %p with a PermanentError naming the field',
    (text) => {
      expect(() => parseMoney(text, 'total_inc_tax')).toThrow(PermanentError);
      expect(() => parseMoney(text, 'total_inc_tax')).toThrow('"total_inc_tax"');
    },
  );

  it('refuses non-finite numbers', () => {
    expect(() => parseMoney(Number.POSITIVE_INFINITY, 'price')).toThrow(PermanentError);
  });

  it('writes 4-decimal strings and rounded wire numbers', () => {
    expect(formatMoney(Decimal.parse('19.99'))).toBe('19.9900');
    expect(toWireMoney(Decimal.parse('19.99995'))).toBe(20);
    expect(toWireMoney(Decimal.parse('10.12345'), 2)).toBe(10.12);
  });
});
