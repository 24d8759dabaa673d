/**
 * Decimal arithmetic for money without binary floating point. A value is a BigInt count of 10^-SCALE units, so
 * "19.9900" from BigCommerce and 19.99 in Business Central are the same value, sums are exact, and rounding happens
 * only where the caller asks for it (half away from zero, as BC rounds amounts).
 */
const SCALE = 8;
const FACTOR = 10n ** BigInt(SCALE);
const PATTERN = /^([+-])?(\d+)(?:\.(\d*))?$/;

export type Rounding = 'half-away-from-zero' | 'half-even' | 'down';

export class Decimal {
  private constructor(private readonly units: bigint) {}

  static readonly ZERO = new Decimal(0n);

  /** Parses a decimal string such as `"19.9900"`, `"-3"`, `"0.5"`. Throws a RangeError naming the input otherwise. */
  static parse(text: string): Decimal {
    const match = PATTERN.exec(text.trim());
    if (!match) throw new RangeError(`not a decimal number: "${text}"`);
    const [, sign, whole, fraction = ''] = match;
    if (fraction.length > SCALE && /[1-9]/.test(fraction.slice(SCALE))) {
      throw new RangeError(`more than ${SCALE} decimal places: "${text}"`);
    }
    const units = BigInt(whole!) * FACTOR + BigInt(fraction.slice(0, SCALE).padEnd(SCALE, '0') || '0');
    return new Decimal(sign === '-' ? -units : units);
  }

  /** Accepts strings, integers and Decimals. Non-integer JS numbers are refused: they are where float errors come from. */
  static from(value: Decimal | string | number | bigint): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'bigint') return new Decimal(value * FACTOR);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new RangeError(`refusing binary float ${value}: pass money as a decimal string`);
      }
      return new Decimal(BigInt(value) * FACTOR);
    }
    return Decimal.parse(value);
  }

  /**
   * Converts a JSON number that came off the wire (BC serialises amounts as JSON numbers) through 15 significant
   * digits, which is exact for every amount a JSON number can carry faithfully.
   */
  static fromWireNumber(value: number): Decimal {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    if (Math.abs(value) >= 1e15) throw new RangeError(`number out of range for money: ${value}`);
    // 15 significant digits undo the float noise (0.1 + 0.2 -> 0.3); tiny values print in e-notation, so fix them.
    const text = value.toPrecision(15);
    const plain = /e/i.test(text) ? value.toFixed(SCALE + 2) : text;
    const [whole, fraction = ''] = plain.split('.');
    const head = Decimal.parse(`${whole}.${fraction.slice(0, SCALE)}`);
    const tail = fraction.slice(SCALE);
    if (!/^[5-9]/.test(tail)) return head;
    const ulp = new Decimal(value < 0 ? -1n : 1n);
    return head.plus(ulp);
  }

  static sum(values: Iterable<Decimal>): Decimal {
    let total = 0n;
    for (const v of values) total += v.units;
    return new Decimal(total);
  }

  plus(other: Decimal | string | number): Decimal {
    return new Decimal(this.units + Decimal.from(other).units);
  }

  minus(other: Decimal | string | number): Decimal {
    return new Decimal(this.units - Decimal.from(other).units);
  }

  /** Exact product, then rounded to the internal scale (half away from zero). */
  times(other: Decimal | string | number): Decimal {
    return new Decimal(divideRounded(this.units * Decimal.from(other).units, FACTOR, 'half-away-from-zero'));
  }

  /** Quotient rounded to the internal scale. Throws on division by zero. */
  dividedBy(other: Decimal | string | number): Decimal {
    const divisor = Decimal.from(other).units;
    if (divisor === 0n) throw new RangeError('division by zero');
    return new Decimal(divideRounded(this.units * FACTOR, divisor, 'half-away-from-zero'));
  }

  negated(): Decimal {
    return new Decimal(-this.units);
  }

  abs(): Decimal {
    return this.units < 0n ? this.negated() : this;
  }

  /** Rounds to `places` decimal places (0..SCALE). */
  round(places: number, mode: Rounding = 'half-away-from-zero'): Decimal {
    if (!Number.isInteger(places) || places < 0 || places > SCALE) throw new RangeError(`bad places: ${places}`);
    const step = 10n ** BigInt(SCALE - places);
    return new Decimal(divideRounded(this.units, step, mode) * step);
  }

  compare(other: Decimal | string | number): -1 | 0 | 1 {
    const o = Decimal.from(other).units;
    return this.units < o ? -1 : this.units > o ? 1 : 0;
  }

  eq(other: Decimal | string | number): boolean {
    return this.compare(other) === 0;
  }

  lt(other: Decimal | string | number): boolean {
    return this.compare(other) < 0;
  }

  gt(other: Decimal | string | number): boolean {
    return this.compare(other) > 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  static max(a: Decimal, b: Decimal): Decimal {
    return a.compare(b) >= 0 ? a : b;
  }

  static min(a: Decimal, b: Decimal): Decimal {
    return a.compare(b) <= 0 ? a : b;
  }

  /** Fixed notation with exactly `places` decimals, rounded half away from zero: `toFixed(4)` gives `"19.9900"`. */
  toFixed(places: number): string {
    const rounded = this.round(places).units;
    const negative = rounded < 0n;
    const abs = negative ? -rounded : rounded;
    const whole = abs / FACTOR;
    const fraction = (abs % FACTOR).toString().padStart(SCALE, '0').slice(0, places);
    return `${negative ? '-' : ''}${whole}${places > 0 ? `.${fraction}` : ''}`;
  }

  /** Shortest exact decimal text (`"19.99"`, `"3"`). */
  toString(): string {
    return this.toFixed(SCALE).replace(/\.?0+$/, '') || '0';
  }

  /**
   * A JSON number for APIs that take numbers (BC). Only call on values already rounded to the API's precision:
   * such values print exactly, so no float error reaches the wire.
   */
  toWireNumber(): number {
    return Number(this.toString());
  }

  toJSON(): string {
    return this.toString();
  }
}

function divideRounded(numerator: bigint, divisor: bigint, mode: Rounding): bigint {
  const negative = numerator < 0n !== divisor < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = divisor < 0n ? -divisor : divisor;
  let q = n / d;
  const r = n % d;
  if (mode !== 'down' && r !== 0n) {
    const twice = r * 2n;
    if (twice > d || (twice === d && (mode === 'half-away-from-zero' || q % 2n === 1n))) q += 1n;
  }
  return negative ? -q : q;
}
