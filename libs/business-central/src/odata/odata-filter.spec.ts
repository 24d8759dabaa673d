import { Decimal } from '@mlc/platform-money';
import { and, anyOf, compare, dateOnly, eq, eqIgnoreCase, gt, guid, literal, or } from './odata-filter';

describe('OData literals', () => {
  it('quotes strings and doubles single quotes', () => {
    expect(literal("o'brien@example.com")).toBe("'o''brien@example.com'");
    expect(literal("''")).toBe("''''''");
    expect(literal('')).toBe("''");
  });

  it('writes numbers, booleans, decimals, GUIDs, dates and datetimes bare', () => {
    expect(literal(42)).toBe('42');
    expect(literal(true)).toBe('true');
    expect(literal(Decimal.parse('19.990'))).toBe('19.99');
    expect(literal(guid('1B8D0000-AAAA-4BBB-8CCC-DDDDDDDDDDDD'))).toBe('1b8d0000-aaaa-4bbb-8ccc-dddddddddddd');
    expect(literal(dateOnly('2024-01-31'))).toBe('2024-01-31');
    expect(literal(new Date('2024-01-01T00:00:00Z'))).toBe('2024-01-01T00:00:00.000Z');
  });

  it('refuses values that would be written bare but are not what they claim', () => {
    expect(() => guid("x' or 1 eq 1")).toThrow(RangeError);
    expect(() => dateOnly('2024-13-45')).toThrow(RangeError);
    expect(() => literal(Number.NaN)).toThrow(RangeError);
    expect(() => literal(new Date('nope'))).toThrow(RangeError);
  });
});

describe('OData filters', () => {
  it('matches e-mails case-insensitively with tolower and a lower-cased literal', () => {
    expect(eqIgnoreCase('email', 'Jane.Doe@Example.com').text).toBe("tolower(email) eq 'jane.doe@example.com'");
  });

  it('keeps an injection attempt inside one string literal', () => {
    const attack = "x' or displayName eq 'y";
    const text = eqIgnoreCase('email', attack).text;
    expect(text).toBe("tolower(email) eq 'x'' or displayname eq ''y'");
    // Strip the one literal: nothing but the comparison remains.
    expect(text.replace(/'(?:[^']|'')*'/g, 'LIT')).toBe('tolower(email) eq LIT');
  });

  it('refuses field names that are not identifiers', () => {
    expect(() => eq("email eq 'a' or 1", 'x')).toThrow(RangeError);
    expect(() => compare('a b', 'eq', 1)).toThrow(RangeError);
    expect(eq('customer/number', 'C1').text).toBe("customer/number eq 'C1'");
  });

  it('compares datetimes unquoted, as BC expects for lastModifiedDateTime', () => {
    expect(gt('lastModifiedDateTime', new Date('2024-01-01T00:00:00Z')).text).toBe(
      'lastModifiedDateTime gt 2024-01-01T00:00:00.000Z',
    );
  });

  it('spells "in" as a same-field or chain (in needs $schemaversion=2.1)', () => {
    expect(anyOf('number', ['A', "B'C"]).text).toBe("number eq 'A' or number eq 'B''C'");
    expect(anyOf('number', ['ONLY']).text).toBe("number eq 'ONLY'");
    expect(() => anyOf('number', [])).toThrow(RangeError);
  });

  it('refuses or across distinct fields, which BC rejects', () => {
    expect(() => or(eq('email', 'a'), eq('displayName', 'b'))).toThrow(/distinct fields/);
  });

  it('parenthesises compound parts inside and', () => {
    const f = and(gt('lastModifiedDateTime', new Date('2024-01-01T00:00:00Z')), anyOf('number', ['A', 'B']));
    expect(f.text).toBe("lastModifiedDateTime gt 2024-01-01T00:00:00.000Z and (number eq 'A' or number eq 'B')");
    expect(and(eq('a', 1), eq('b', 2)).text).toBe('a eq 1 and b eq 2');
  });
});
