import { Decimal } from './decimal';

const d = (s: string) => Decimal.parse(s);

describe('Decimal', () => {
  it('adds what binary floats get wrong', () => {
    expect(d('0.1').plus('0.2').toString()).toBe('0.3');
    expect(Decimal.sum(Array.from({ length: 10 }, () => d('0.10'))).toFixed(2)).toBe('1.00');
  });

  it('parses BigCommerce 4-decimal strings and prints fixed places', () => {
    expect(d('19.9900').toFixed(2)).toBe('19.99');
    expect(d('-3').toFixed(4)).toBe('-3.0000');
    expect(d('0.5').toFixed(0)).toBe('1');
    expect(d('+7.25').toString()).toBe('7.25');
  });

  it('rounds half away from zero by default, half even on request', () => {
    expect(d('2.345').round(2).toString()).toBe('2.35');
    expect(d('-2.345').round(2).toString()).toBe('-2.35');
    expect(d('2.345').round(2, 'half-even').toString()).toBe('2.34');
    expect(d('2.355').round(2, 'half-even').toString()).toBe('2.36');
    expect(d('2.349').round(2, 'down').toString()).toBe('2.34');
  });

  it('multiplies and divides exactly enough for tax and unit prices', () => {
    expect(d('19.99').times(3).toString()).toBe('59.97');
    expect(d('59.97').times('0.0825').round(2).toString()).toBe('4.95');
    expect(d('108.25').dividedBy('1.0825').round(2).toString()).toBe('100');
    expect(d('10').dividedBy(3).round(5).toString()).toBe('3.33333');
  });

  it('refuses floats, garbage and division by zero with clear messages', () => {
    expect(() => Decimal.from(0.1)).toThrow('refusing binary float 0.1');
    expect(() => d('12,50')).toThrow('not a decimal number: "12,50"');
    expect(() => d('1e5')).toThrow('not a decimal number');
    expect(() => d('1').dividedBy(0)).toThrow('division by zero');
    expect(() => d('0.123456789')).toThrow('more than 8 decimal places');
  });

  it('reads JSON numbers from the wire through their decimal text', () => {
    expect(Decimal.fromWireNumber(123.45).toString()).toBe('123.45');
    expect(Decimal.fromWireNumber(0.1 + 0.2).round(2).toString()).toBe('0.3');
    expect(d('1234.56').toWireNumber()).toBe(1234.56);
    expect(Decimal.fromWireNumber(123456789012.34).toString()).toBe('123456789012.34');
    expect(Decimal.fromWireNumber(-0.000000015).toString()).toBe('-0.00000002');
    expect(Decimal.fromWireNumber(1e-12).toString()).toBe('0');
  });

  it('compares', () => {
    expect(d('1.00').eq('1')).toBe(true);
    expect(d('1.01').gt('1')).toBe(true);
    expect(Decimal.max(d('2'), d('3')).toString()).toBe('3');
    expect(Decimal.min(d('-2'), d('3')).isNegative()).toBe(true);
    expect(JSON.stringify({ a: d('5.50') })).toBe('{"a":"5.5"}');
  });
});
