import { Decimal } from '@mlc/platform-money';

/*
 * OData v4 `$filter` as Business Central API v2.0 accepts it: string literals single-quoted with `'` doubled; GUIDs,
 * numbers, dates and datetimes bare; `tolower(field) eq 'x'` for case-insensitive matching (plain `eq` follows the
 * database collation); `or` only on one field (BC rejects `or` across distinct fields, and `in` needs
 * $schemaversion=2.1). Field names are checked, values are always escaped, so no input can change the expression.
 */

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A literal that is written bare (GUID, date). Build with `guid()` or `dateOnly()`, never from raw text. */
export class BareLiteral {
  private constructor(readonly text: string) {}
  /** @internal */
  static unchecked(text: string): BareLiteral {
    return new BareLiteral(text);
  }
}

export type ODataValue = string | number | boolean | Date | Decimal | BareLiteral;
export type Comparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** A filter expression with the set of fields it touches (to refuse `or` across fields). */
export class ODataFilter {
  private constructor(
    readonly text: string,
    readonly fields: ReadonlySet<string>,
    /** Joined with and/or: needs parentheses inside another join. */
    readonly compound: boolean,
  ) {}

  /** @internal */
  static of(text: string, fields: Iterable<string>, compound = false): ODataFilter {
    return new ODataFilter(text, new Set(fields), compound);
  }

  toString(): string {
    return this.text;
  }
}

export function guid(value: string): BareLiteral {
  if (!GUID.test(value)) throw new RangeError('not a GUID');
  return BareLiteral.unchecked(value.toLowerCase());
}

/** A calendar date `YYYY-MM-DD` (BC `date` fields such as postingDate). */
export function dateOnly(value: string): BareLiteral {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new RangeError('not a YYYY-MM-DD date');
  return BareLiteral.unchecked(value);
}

/** Renders one literal. Strings are quoted with `'` doubled; everything else is validated and written bare. */
export function literal(value: ODataValue): string {
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('filter number must be finite');
    return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('invalid date in filter');
    return value.toISOString();
  }
  if (value instanceof Decimal) return value.toString();
  return value.text;
}

export function field(name: string): string {
  if (!FIELD.test(name)) throw new RangeError(`not an OData field name: ${name.slice(0, 40)}`);
  return name;
}

export function compare(name: string, op: Comparison, value: ODataValue): ODataFilter {
  return ODataFilter.of(`${field(name)} ${op} ${literal(value)}`, [name]);
}

export const eq = (name: string, value: ODataValue) => compare(name, 'eq', value);
export const gt = (name: string, value: ODataValue) => compare(name, 'gt', value);
export const ge = (name: string, value: ODataValue) => compare(name, 'ge', value);
export const lt = (name: string, value: ODataValue) => compare(name, 'lt', value);
export const le = (name: string, value: ODataValue) => compare(name, 'le', value);

/** Case-insensitive equality: `tolower(field) eq '<value lowercased>'`. */
export function eqIgnoreCase(name: string, value: string): ODataFilter {
  return ODataFilter.of(`tolower(${field(name)}) eq ${literal(value.toLowerCase())}`, [name]);
}

/** `field eq a or field eq b ...`, the schema-2.0 spelling of `in`. Needs at least one value. */
export function anyOf(name: string, values: readonly ODataValue[]): ODataFilter {
  if (values.length === 0) throw new RangeError('anyOf needs at least one value');
  return or(...values.map((v) => eq(name, v)));
}

/** Conjunction; compound parts are parenthesised so precedence never surprises. */
export function and(...parts: ODataFilter[]): ODataFilter {
  return join('and', parts);
}

/** Disjunction on a single field: BC answers 400 to `or` across distinct fields, so it is refused here. */
export function or(...parts: ODataFilter[]): ODataFilter {
  const fields = new Set(parts.flatMap((p) => [...p.fields]));
  if (fields.size > 1)
    throw new RangeError(`'or' across distinct fields is not supported by Business Central: ${[...fields].join(', ')}`);
  return join('or', parts);
}

function join(op: 'and' | 'or', parts: ODataFilter[]): ODataFilter {
  if (parts.length === 0) throw new RangeError(`${op} needs at least one filter`);
  if (parts.length === 1) return parts[0] as ODataFilter;
  const text = parts.map((p) => (p.compound ? `(${p.text})` : p.text)).join(` ${op} `);
  return ODataFilter.of(
    text,
    parts.flatMap((p) => [...p.fields]),
    true,
  );
}
