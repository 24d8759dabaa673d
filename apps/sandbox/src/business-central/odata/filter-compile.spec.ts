import { fields } from '../model/field-def';
import type { Json } from '../resources/entity-set';
import { compileFilter } from './filter-compile';

const FIELDS = new Map(
  fields(`
    id guid ro
    number code20
    email text80
    unitPrice decimal
    blocked boolean
    postingDate date
    lastModifiedDateTime datetime ro
  `).map((f) => [f.name, f]),
);

function matches(filter: string, entity: Record<string, Json>, schema21 = false): boolean {
  const predicate = compileFilter(filter, { fields: FIELDS, typeName: 'Microsoft.NAV.test', schema21 });
  return predicate((name) => entity[name] ?? null);
}

const row = {
  id: '1b8d7e2a-0000-4000-8000-000000000001',
  number: 'SKU-1',
  email: 'Ada@Example.com',
  unitPrice: 19.99,
  blocked: false,
  postingDate: '2024-03-01',
  lastModifiedDateTime: '2024-03-01T10:00:00.000Z',
};

describe('compileFilter', () => {
  it('compares text case-sensitively unless wrapped in tolower/toupper', () => {
    expect(matches("email eq 'ada@example.com'", row)).toBe(false);
    expect(matches("tolower(email) eq 'ada@example.com'", row)).toBe(true);
    expect(matches("toupper(email) eq 'ADA@EXAMPLE.COM'", row)).toBe(true);
    expect(matches("contains(email,'Example')", row)).toBe(true);
    expect(matches("startswith(number,'sku')", row)).toBe(false);
    expect(matches("endswith(number,'-1')", row)).toBe(true);
  });

  it('compares decimals exactly, GUIDs case-insensitively, dates and datetimes as bare literals', () => {
    expect(matches('unitPrice eq 19.99', row)).toBe(true);
    expect(matches('unitPrice gt 19.989 and unitPrice lt 20', row)).toBe(true);
    expect(matches('id eq 1B8D7E2A-0000-4000-8000-000000000001', row)).toBe(true);
    expect(matches('postingDate ge 2024-03-01', row)).toBe(true);
    expect(matches('lastModifiedDateTime gt 2024-03-01T09:59:59Z', row)).toBe(true);
    expect(matches('blocked eq false and not (unitPrice le 10)', row)).toBe(true);
  });

  it('accepts or on one field and refuses it across fields', () => {
    expect(matches("number eq 'SKU-2' or number eq 'SKU-1'", row)).toBe(true);
    expect(() => matches("number eq 'SKU-2' or email eq 'x'", row)).toThrow("The 'OR' operator is not supported on distinct fields");
    expect(() => matches("(number eq 'A' and unitPrice gt 1) or number eq 'B'", row)).toThrow('distinct fields');
  });

  it('needs schema 2.1 for in and nested functions', () => {
    expect(() => matches("number in ('SKU-1')", row)).toThrow('$schemaversion=2.1');
    expect(matches("number in ('SKU-0','SKU-1')", row, true)).toBe(true);
    expect(() => matches("contains(tolower(email),'ada')", row)).toThrow('$schemaversion=2.1');
    expect(matches("contains(tolower(email),'ada')", row, true)).toBe(true);
  });

  it('refuses literals of the wrong type, unknown properties, functions and bad syntax', () => {
    expect(() => matches("id eq '1b8d7e2a-0000-4000-8000-000000000001'", row)).toThrow('incompatible types');
    expect(() => matches("unitPrice eq '19.99'", row)).toThrow('incompatible types');
    expect(() => matches("lastModifiedDateTime gt '2024-01-01T00:00:00Z'", row)).toThrow('incompatible types');
    expect(() => matches('postingDate gt 2024-01-01T00:00:00Z', row)).toThrow('incompatible types');
    expect(() => matches("nickname eq 'x'", row)).toThrow("Could not find a property named 'nickname'");
    expect(() => matches("substringof('x',email)", row)).toThrow('unknown function');
    expect(() => matches("number eq 'unterminated", row)).toThrow('unterminated string');
    expect(() => matches('number eq', row)).toThrow('Syntax error');
  });

  it("unescapes doubled quotes in string literals", () => {
    expect(matches("email eq 'O''Brien'", { ...row, email: "O'Brien" })).toBe(true);
  });
});
