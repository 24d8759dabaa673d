/**
 * Request paths keep their template (`/v2/orders/{id}`) beside the concrete path, so metrics and errors name the
 * operation without ids, emails or query strings. Query values are percent-encoded component by component: `+` in
 * a `+0000` offset or an email must travel as `%2B`, otherwise BigCommerce reads a space. `:` and `,` stay literal
 * because BigCommerce filter names (`email:in`, `sort=date_modified:asc`) and lists use them.
 */
export interface RequestPath {
  readonly template: string;
  readonly path: string;
}

export type PathParams = Readonly<Record<string, string | number>>;

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

const PLACEHOLDER = /\{([a-zA-Z_]+)\}/g;

export function requestPath(template: string, params: PathParams = {}): RequestPath {
  const path = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new RangeError(`missing path parameter "${name}" for ${template}`);
    return encodeURIComponent(String(value));
  });
  return { template, path };
}

export function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/** `?a=1&email:in=x%2By@example.com,z@example.com` (empty string when there is nothing to send). */
export function buildQuery(query: QueryParams = {}): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.map(String).join(',') : String(value);
    parts.push(`${encodeQueryComponent(key)}=${encodeQueryComponent(text)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
