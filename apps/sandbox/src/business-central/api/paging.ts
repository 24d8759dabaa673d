import type { OrderBy } from '../odata/query-options';
import type { Json } from '../resources/entity-set';
import { badRequest } from './bc-error';
import { compareKeys, keyOf, Projected } from './entity-query';

interface SkipToken {
  /** Sort key of the last row served. */
  readonly k: Json[];
  /** What is left of `$top`, when the client sent one. */
  readonly t?: number;
}

export interface Page {
  readonly items: Projected[];
  readonly nextToken?: string;
}

export function encodeSkipToken(token: SkipToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeSkipToken(text: string): SkipToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as SkipToken;
    if (!Array.isArray(token.k)) throw new Error('bad token');
    return token;
  } catch {
    throw badRequest(`The skip token value '${text}' is invalid.`);
  }
}

/** The page size of a request: `Prefer: odata.maxpagesize=N` up to the server maximum. */
export function pageSizeOf(prefer: string | undefined, maximum: number): { size: number; applied: boolean } {
  const match = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? '');
  if (!match) return { size: maximum, applied: false };
  const requested = Number(match[1]);
  if (requested <= 0) return { size: maximum, applied: false };
  return { size: Math.min(requested, maximum), applied: true };
}

/**
 * Server-driven paging keyed on the sort order: the skip token carries the last row's sort key, so rows inserted or
 * deleted between pages never make a client see a row twice or skip one that existed throughout.
 */
export function pageOf(
  sorted: Projected[],
  order: OrderBy[],
  size: number,
  options: { skip?: number; top?: number; skipToken?: string },
): Page {
  let start = options.skip ?? 0;
  let remaining = options.top;
  if (options.skipToken !== undefined) {
    const token = decodeSkipToken(options.skipToken);
    remaining = token.t;
    start = firstAfter(sorted, order, token.k);
  }
  const take = Math.min(size, remaining ?? Number.POSITIVE_INFINITY);
  const items = sorted.slice(start, start + take);
  const left = remaining === undefined ? undefined : remaining - items.length;
  const more = start + items.length < sorted.length && (left === undefined || left > 0) && items.length > 0;
  if (!more) return { items };
  const last = items[items.length - 1]!;
  return { items, nextToken: encodeSkipToken({ k: keyOf(order, last), ...(left !== undefined ? { t: left } : {}) }) };
}

function firstAfter(sorted: Projected[], order: OrderBy[], key: Json[]): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareKeys(order, keyOf(order, sorted[mid]!), key) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Query encoding as BC writes its links: `$`, quotes, parentheses and commas stay literal. */
function encodeQueryPart(text: string): string {
  return encodeURIComponent(text)
    .replace(/%24/g, '$')
    .replace(/%27/g, "'")
    .replace(/%28/g, '(')
    .replace(/%29/g, ')')
    .replace(/%2C/g, ',');
}

/** The absolute next link: the request URL with `$skip`/`$top` folded into a `$skiptoken`. */
export function nextLinkOf(requestUrl: URL, token: string): string {
  const pairs = [...requestUrl.searchParams].filter(([name]) => !['$skip', '$top', '$skiptoken'].includes(name));
  pairs.push(['$skiptoken', token]);
  const query = pairs.map(([k, v]) => `${encodeQueryPart(k)}=${encodeQueryPart(v)}`).join('&');
  return `${requestUrl.origin}${requestUrl.pathname}?${query}`;
}
