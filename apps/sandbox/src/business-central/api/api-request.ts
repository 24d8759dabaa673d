import type { Segment } from './odata-path';

/** One OData operation, from an HTTP request or from an item of a `$batch`. */
export interface ApiRequest {
  readonly method: string;
  readonly segments: Segment[];
  readonly query: URLSearchParams;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Parsed JSON body; undefined when there was none. */
  readonly body: unknown;
  /** The body was not valid JSON. */
  readonly malformedBody: boolean;
  /** Absolute service root, e.g. `http://127.0.0.1:4020/v2.0/<tenant>/sandbox/api/v2.0/`. */
  readonly serviceRoot: string;
  /** Absolute URL of the request (for next links). */
  readonly url: URL;
  /** The authenticated user (service principal) the request runs as. */
  readonly userId: string;
}

/** Header lookup that tolerates Node's string[] values. */
export function headerOf(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
