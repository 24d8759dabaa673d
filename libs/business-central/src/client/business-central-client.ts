import { z } from 'zod';
import { PermanentError } from '@mlc/platform-errors';
import { BreakerRegistry } from '@mlc/platform-resilience';
import { AccessTokenSource } from '../auth/access-token-source.port';
import { HttpTransport } from '../http/http-transport.port';
import { BcPath } from '../odata/odata-path';
import { ODataPage, ODataPager } from '../odata/odata-pager';
import { ODataQuery, renderQuery } from '../odata/odata-query';
import { isRecordNotFound } from './business-central-errors';
import { Clock, systemClock } from './clock';
import { PreparedRequest, RequestExecutor, RequestKind } from './request-executor';
import { RequestThrottle } from './request-throttle';
import { decodeJson, parseWire } from './wire';
import { BusinessCentralTarget, configError, environmentRoot } from './business-central-target';

/*
 * Business Central API v2.0 over HTTP: `{apiUrl}/v2.0/{tenant}/{environment}/api/v2.0/` for environment-level sets
 * (companies, subscriptions) and `.../companies({companyId})/` for everything else. Reads answer 200 with the entity
 * or `{value, @odata.nextLink}`; POST answers 201 with the entity; bound actions 204 with no body; PATCH 200 with
 * the updated entity and needs If-Match; DELETE 204.
 */

export const DEFAULT_API_URL = 'https://api.businesscentral.dynamics.com';

export interface BusinessCentralClientOptions extends BusinessCentralTarget {
  readonly tokens: AccessTokenSource;
  readonly transport: HttpTransport;
  /** This process's share of the API user's limits; default is the whole budget (5 concurrent, 6,000 / 5 min). */
  readonly throttle?: RequestThrottle;
  readonly breakers?: BreakerRegistry;
  readonly timeouts?: { readonly readMs?: number; readonly writeMs?: number };
  readonly retry?: { readonly attempts?: number; readonly baseMs?: number; readonly maxMs?: number };
  /** Sent as `Prefer: odata.maxpagesize=N` on collection reads (BC serves at most 20,000 per page). */
  readonly pageSize?: number;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly onRetry?: (info: { operation: string; attempt: number; delayMs: number; code: string }) => void;
}

export interface ReadOptions {
  /** `Data-Access-Intent: ReadOnly`: served from a replica that may lag; only for scans, never read-after-write. */
  readonly readReplica?: boolean;
}

/** Low-level client: one method per HTTP verb, every call validated against a zod schema. Resources build on it. */
export class BusinessCentralClient {
  private readonly executor: RequestExecutor;
  private readonly root: string;
  private readonly companyRoot?: string;
  private readonly origin: string;

  constructor(private readonly options: BusinessCentralClientOptions) {
    this.root = environmentRoot(options);
    this.companyRoot = options.companyId ? `${this.root}companies(${options.companyId.toLowerCase()})/` : undefined;
    this.origin = new URL(this.root).origin;
    const clock = options.clock ?? systemClock;
    this.executor = new RequestExecutor({
      connectionId: options.connectionId,
      tokens: options.tokens,
      transport: options.transport,
      throttle: options.throttle ?? new RequestThrottle({ maxConcurrent: 5, perFiveMinutes: 6000, clock }),
      clock,
      breakers: options.breakers,
      timeouts: { readMs: options.timeouts?.readMs ?? 60_000, writeMs: options.timeouts?.writeMs ?? 120_000 },
      retry: {
        attempts: options.retry?.attempts ?? 4,
        baseMs: options.retry?.baseMs ?? 500,
        maxMs: options.retry?.maxMs ?? 30_000,
      },
      random: options.random,
      onRetry: options.onRetry,
    });
  }

  /** The configured company (lower-case GUID), or undefined for an environment-only client. */
  get companyId(): string | undefined {
    return this.options.companyId?.toLowerCase();
  }

  async get<S extends z.ZodType>(
    path: BcPath,
    schema: S,
    query?: ODataQuery,
    opts: ReadOptions = {},
  ): Promise<z.output<S>> {
    const req = this.prepare('GET', 'read', path, this.url(path) + renderQuery(query), undefined, readHeaders(opts));
    return this.parse(req, schema, await this.executor.execute(req));
  }

  /** Like `get`, but a missing record (404 on its key) is `undefined` instead of an error. */
  async find<S extends z.ZodType>(path: BcPath, schema: S, query?: ODataQuery): Promise<z.output<S> | undefined> {
    try {
      return await this.get(path, schema, query);
    } catch (err) {
      if (isRecordNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Every row of a collection, following @odata.nextLink to the end. */
  list<S extends z.ZodType>(
    path: BcPath,
    itemSchema: S,
    query?: ODataQuery,
    opts: ReadOptions = {},
  ): ODataPager<z.output<S>> {
    const pageSchema = z.object({ value: z.array(itemSchema), '@odata.nextLink': z.string().optional() });
    const headers = {
      ...readHeaders(opts),
      ...(this.options.pageSize ? { prefer: `odata.maxpagesize=${this.options.pageSize}` } : {}),
    };
    const operation = `GET ${path.template}`;
    return new ODataPager(async (nextLink): Promise<ODataPage<z.output<S>>> => {
      const url =
        nextLink === undefined ? this.url(path) + renderQuery(query) : this.checkedNextLink(nextLink, operation);
      const req = this.prepare('GET', 'read', path, url, undefined, headers);
      const page = this.parse(req, pageSchema, await this.executor.execute(req));
      return { items: page.value, nextLink: page['@odata.nextLink'] };
    }, `business-central ${operation}`);
  }

  /** POST of a new record (with deep-inserted lines). Not retried once sent: see OutcomeUnknownError. */
  async create<S extends z.ZodType>(path: BcPath, body: object, schema: S): Promise<z.output<S>> {
    const req = this.prepare('POST', 'create', path, this.url(path), JSON.stringify(body), JSON_BODY);
    return this.parse(req, schema, await this.executor.execute(req), true);
  }

  /** A bound action such as `Microsoft.NAV.post`: empty body, 204. Not retried once sent. */
  async action(path: BcPath): Promise<void> {
    await this.executor.execute(this.prepare('POST', 'action', path, this.url(path), undefined, {}));
  }

  /** PATCH guarded by the entity's ETag; a stale one fails with EntityChangedError. */
  async patch<S extends z.ZodType>(path: BcPath, etag: string, body: object, schema: S): Promise<z.output<S>> {
    const req = this.prepare('PATCH', 'update', path, this.url(path), JSON.stringify(body), {
      ...JSON_BODY,
      'if-match': requireEtag(etag),
    });
    return this.parse(req, schema, await this.executor.execute(req), true);
  }

  async delete(path: BcPath, etag: string): Promise<void> {
    await this.executor.execute(
      this.prepare('DELETE', 'delete', path, this.url(path), undefined, { 'if-match': requireEtag(etag) }),
    );
  }

  private url(path: BcPath): string {
    if (path.scope === 'environment') return this.root + path.path;
    if (!this.companyRoot)
      throw configError(`business-central ${path.template}: no company id configured (BC_COMPANY_ID)`);
    return this.companyRoot + path.path;
  }

  private prepare(
    method: PreparedRequest['method'],
    kind: RequestKind,
    path: BcPath,
    url: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): PreparedRequest {
    const target = path.keyed ? 'entity' : path.scope === 'environment' ? 'environment' : 'company';
    return {
      method,
      url,
      kind,
      target,
      operation: `${method} ${path.template}`,
      headers: { accept: 'application/json', 'accept-language': 'en-US', 'user-agent': 'ml-connector', ...headers },
      body,
    };
  }

  private parse<S extends z.ZodType>(
    req: PreparedRequest,
    schema: S,
    res: { status: number; headers: Readonly<Record<string, string | undefined>>; body: string },
    applied = false,
  ): z.output<S> {
    const data = decodeJson(res.body, res.headers['content-type'], req.operation, res.status);
    return parseWire(schema, data, req.operation, applied && req.kind !== 'read');
  }

  /** A nextLink must point at the same origin: the bearer token is never sent anywhere else. */
  private checkedNextLink(link: string, operation: string): string {
    let origin: string | undefined;
    try {
      origin = new URL(link).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== this.origin) {
      throw new PermanentError(
        'SCHEMA_MISMATCH',
        `business-central ${operation}: @odata.nextLink points outside the API origin`,
        { operation: `business-central ${operation}` },
      );
    }
    return link;
  }
}

const JSON_BODY = { 'content-type': 'application/json' };

function readHeaders(opts: ReadOptions): Record<string, string> {
  return opts.readReplica ? { 'data-access-intent': 'ReadOnly' } : {};
}

function requireEtag(etag: string): string {
  if (!etag) throw new RangeError('If-Match needs the entity ETag (or "*")');
  return etag;
}
