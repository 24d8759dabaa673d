import { badRequest } from '../api/bc-error';

export interface OrderBy {
  readonly field: string;
  readonly descending: boolean;
}

export interface ExpandItem {
  readonly name: string;
  readonly options: QueryOptions;
}

/** The system query options of one request (or of one `$expand` item). */
export interface QueryOptions {
  readonly filter?: string;
  readonly select?: string[];
  readonly expand: ExpandItem[];
  readonly orderBy: OrderBy[];
  readonly top?: number;
  readonly skip?: number;
  readonly count: boolean;
  readonly skipToken?: string;
}

const KNOWN = new Set([
  '$filter',
  '$select',
  '$expand',
  '$orderby',
  '$top',
  '$skip',
  '$count',
  '$skiptoken',
  '$schemaversion',
  '$format',
]);

/** Reads the query string of a request; unknown `$` options are refused as OData does. */
export function parseQueryOptions(query: URLSearchParams): QueryOptions {
  const raw: Record<string, string> = {};
  for (const [key, value] of query) {
    if (key.startsWith('$') && !KNOWN.has(key)) {
      throw badRequest(`The query parameter '${key}' is not supported.`);
    }
    raw[key] = value;
  }
  return fromRaw(raw);
}

function fromRaw(raw: Record<string, string>): QueryOptions {
  return {
    filter: raw.$filter,
    select: raw.$select !== undefined ? splitList(raw.$select) : undefined,
    expand: raw.$expand !== undefined ? parseExpand(raw.$expand) : [],
    orderBy: raw.$orderby !== undefined ? parseOrderBy(raw.$orderby) : [],
    top: raw.$top !== undefined ? nonNegative('$top', raw.$top) : undefined,
    skip: raw.$skip !== undefined ? nonNegative('$skip', raw.$skip) : undefined,
    count: parseCount(raw.$count),
    skipToken: raw.$skiptoken,
  };
}

function parseCount(value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw badRequest(`'${value}' is not a valid count option.`);
}

function nonNegative(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw badRequest(`Invalid value '${value}' for ${name} query option found.`);
  return Number(value);
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function parseOrderBy(text: string): OrderBy[] {
  return splitList(text).map((part) => {
    const [field, direction, extra] = part.split(/\s+/);
    const dir = direction?.toLowerCase();
    if (!field || extra !== undefined || (dir !== undefined && dir !== 'asc' && dir !== 'desc')) {
      throw badRequest(`Syntax error in $orderby '${text}'.`);
    }
    return { field, descending: dir === 'desc' };
  });
}

/** `lines($select=a,b;$filter=x eq 1;$expand=item),customer` into items with their own options. */
export function parseExpand(text: string): ExpandItem[] {
  return splitTopLevel(text, ',').map((part) => {
    const open = part.indexOf('(');
    if (open < 0) return { name: part.trim(), options: fromRaw({}) };
    if (!part.endsWith(')')) throw badRequest(`Syntax error in $expand '${text}'.`);
    const name = part.slice(0, open).trim();
    const raw: Record<string, string> = {};
    for (const option of splitTopLevel(part.slice(open + 1, -1), ';')) {
      const eq = option.indexOf('=');
      const key = option.slice(0, eq).trim();
      if (eq < 0 || !KNOWN.has(key)) throw badRequest(`Syntax error in $expand '${text}'.`);
      raw[key] = option.slice(eq + 1);
    }
    return { name, options: fromRaw(raw) };
  });
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let current = '';
  for (const ch of text) {
    if (ch === "'") inString = !inString;
    if (!inString && ch === '(') depth += 1;
    if (!inString && ch === ')') depth -= 1;
    if (!inString && depth === 0 && ch === separator) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (depth !== 0) throw badRequest(`Syntax error: unbalanced parentheses in '${text}'.`);
  if (current.trim().length > 0) parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}
