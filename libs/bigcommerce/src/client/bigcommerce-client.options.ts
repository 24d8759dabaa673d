import { BreakerRegistry } from '@mlc/platform-resilience';
import { Dispatcher } from 'undici';
import { StoreRateLimiter } from '../rate-limit/rate-limiter';

export const DEFAULT_API_URL = 'https://api.bigcommerce.com';
export const CONNECTOR_VERSION = '0.1.0';

export interface BigCommerceRetryOptions {
  /** Total attempts for reads and idempotent writes, including the first. */
  readonly attempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

export interface BigCommerceClientOptions {
  /** The permanent short store id (`abc123`). */
  readonly storeHash: string;
  /** API-account access token (`X-Auth-Token`). Never logged, never in errors. */
  readonly accessToken: string;
  /** Labels metrics and picks the circuit breaker. */
  readonly connectionId: string;
  /** Defaults to https://api.bigcommerce.com; the sandbox runs at http://127.0.0.1:4010. */
  readonly apiUrl?: string;
  /** Sent as `User-Agent: ml-connector/<version>`. */
  readonly userAgentVersion?: string;
  /** Bound on each attempt: connect, headers and body. */
  readonly requestTimeoutMs?: number;
  readonly retry?: BigCommerceRetryOptions;
  /** When given, every attempt runs through `breakers.run('bigcommerce', connectionId, ...)`. */
  readonly breakers?: BreakerRegistry;
  /** One limiter per store per process, shared by every client of that store. */
  readonly rateLimiter?: StoreRateLimiter;
  /** A shared undici dispatcher; by default the client owns a keep-alive Pool to the API origin. */
  readonly dispatcher?: Dispatcher;
  /** Injected for tests: the wait between retries and its jitter. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export const DEFAULT_RETRY: BigCommerceRetryOptions = { attempts: 4, baseMs: 500, maxMs: 20_000 };
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

const STORE_HASH = /^[A-Za-z0-9_-]{1,64}$/;

/** Fails fast on a configuration that could never work, naming the field but never the token. */
export function checkClientOptions(options: BigCommerceClientOptions): void {
  if (!STORE_HASH.test(options.storeHash))
    throw new RangeError('BigCommerce storeHash must be a short alphanumeric id');
  if (options.accessToken.trim() === '') throw new RangeError('BigCommerce accessToken is empty');
  if (options.connectionId.trim() === '') throw new RangeError('BigCommerce connectionId is empty');
  const url = new URL(options.apiUrl ?? DEFAULT_API_URL);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError('BigCommerce apiUrl must be http(s)');
  if (url.search !== '' || url.hash !== '')
    throw new RangeError('BigCommerce apiUrl must not carry a query or fragment');
}
