import { z } from 'zod';
import { PermanentError } from '@mlc/platform-errors';
import { Decimal } from '@mlc/platform-money';
import { customerSchema } from '../resources/schemas/customer.schema';
import { itemSchema } from '../resources/schemas/item.schema';
import { bcDecimal, decodeJson, parseWire, readBcError, toWireDecimal } from './wire';

const item = {
  '@odata.etag': 'W/"JzE5OzE7MDA7Jw=="',
  id: '5d115c9c-44e3-ea11-bb43-000d3a2feca1',
  number: '1896-S',
  displayName: 'ATHENS Desk',
  type: 'Inventory',
  blocked: false,
  gtin: '',
  inventory: 4,
  unitPrice: 1000.8,
  lastModifiedDateTime: '2020-08-21T07:38:44.293Z',
};

describe('money on the wire', () => {
  it('reads BC JSON numbers into exact decimals', () => {
    expect(bcDecimal.parse(0.1 + 0.2).toString()).toBe('0.3');
    expect(bcDecimal.parse(1000.8).eq(Decimal.parse('1000.80'))).toBe(true);
    expect(bcDecimal.parse(-12.345).toString()).toBe('-12.345');
  });

  it('rounds half away from zero to BC precision before sending', () => {
    expect(toWireDecimal(Decimal.parse('16.658333'), 5)).toBe(16.65833);
    expect(toWireDecimal(Decimal.parse('2.345'), 2)).toBe(2.35);
    expect(toWireDecimal(Decimal.parse('-2.345'), 2)).toBe(-2.35);
    expect(toWireDecimal(Decimal.parse('0.1').plus('0.2'), 2)).toBe(0.3);
  });

  it('refuses numbers too large to carry money faithfully', () => {
    expect(bcDecimal.safeParse(1e16).success).toBe(false);
  });
});

describe('schema validation', () => {
  it('maps @odata.etag to etag and amounts to Decimal', () => {
    const parsed = parseWire(itemSchema, item, 'GET items({id})');
    expect(parsed.etag).toBe('W/"JzE5OzE7MDA7Jw=="');
    expect(parsed.unitPrice.toFixed(2)).toBe('1000.80');
    expect(parsed).not.toHaveProperty('@odata.etag');
  });

  it('names the failing field, never its value', () => {
    const bad = { ...item, unitPrice: '1000.80', blocked: 'no' };
    const err = (() => {
      try {
        parseWire(itemSchema, bad, 'GET items({id})');
      } catch (e) {
        return e as PermanentError;
      }
      throw new Error('expected a schema error');
    })();
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.code).toBe('SCHEMA_MISMATCH');
    expect(err.message).toContain('blocked');
    expect(err.message).toContain('unitPrice');
    expect(err.message).not.toContain('1000.80');
  });

  it('names nested fields with their path', () => {
    const schema = z.object({ value: z.array(itemSchema) });
    expect(() => parseWire(schema, { value: [item, { ...item, inventory: null }] }, 'GET items')).toThrow(
      /value\.1\.inventory/,
    );
  });

  it('reads a blank enum option written as a single space', () => {
    const customer = {
      '@odata.etag': 'W/"x"',
      id: 'c',
      number: 'C1',
      displayName: 'A',
      email: '',
      blocked: ' ',
      lastModifiedDateTime: 't',
    };
    expect(parseWire(customerSchema, customer, 'GET customers').blocked).toBe(' ');
    expect(parseWire(customerSchema, { ...customer, blocked: '' }, 'GET customers').blocked).toBe(' ');
  });

  it('says when a write was applied although its answer does not parse', () => {
    expect(() => parseWire(itemSchema, {}, 'POST items', true)).toThrow(/the write was applied/);
  });
});

describe('bodies', () => {
  it('refuses HTML pages and broken JSON with a permanent error', () => {
    expect(() => decodeJson('<html>login</html>', 'text/html; charset=utf-8', 'GET items', 200)).toThrow(
      /expected a JSON body, got text\/html/,
    );
    expect(() => decodeJson('{"value":', 'application/json', 'GET items', 200)).toThrow(/not valid JSON/);
    expect(decodeJson('{"a":1}', 'application/json; odata.metadata=minimal', 'GET items', 200)).toEqual({ a: 1 });
  });

  it('reads BC error bodies and tolerates anything else', () => {
    expect(readBcError('{"error":{"code":"Request_EntityChanged","message":"Another user"}}')).toEqual({
      code: 'Request_EntityChanged',
      message: 'Another user',
    });
    expect(readBcError('<html/>')).toEqual({});
    expect(readBcError('null')).toEqual({ code: undefined, message: undefined });
  });
});
