import { BigCommerceApiClient, createBigCommerceApi } from '../resources/bigcommerce-api-client';
import {
  buildCustomer,
  buildHook,
  buildOrder,
  buildOrderProduct,
  buildProduct,
  buildRefund,
  buildStoreInformation,
  buildVariant,
} from '../testing/fixtures';
import { LocalHttpServer, RecordedRequest, json, startLocalHttpServer } from '../testing/local-http-server';
import { OpenApiCatalog } from './openapi-catalog';

/*
 * A local stand-in for one store that records every request and answers each documented operation with a minimal
 * valid body (shaped like the documented responses, built from the adapter's fixtures). Routing goes through the
 * official catalog, so a request to an undocumented path gets a 404 and fails its scenario loudly.
 */

export const STORE_HASH = 'abc123';
export const ACCESS_TOKEN = 'conformance-token';

export interface ReplyContext {
  readonly query: URLSearchParams;
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
}

export type Replier = (ctx: ReplyContext) => Reply;

const ok = (body: unknown): Reply => ({ status: 200, body });

export function v3Page(data: unknown[], page: number, totalPages: number) {
  const pagination = { total: data.length, count: data.length, per_page: 250, current_page: page, links: {} };
  return { data, meta: { pagination: { ...pagination, total_pages: totalPages } } };
}

const idsOf = (body: unknown) => (Array.isArray(body) ? body.map((b) => Number((b as { id: number }).id)) : []);
const hookOf = (id: number, body: unknown) => {
  const b = (body ?? {}) as { scope?: string; destination?: string };
  return buildHook(id, b.scope ?? 'store/order/*', b.destination ?? 'https://connector.example.com/hooks');
};

/** Default answers, keyed by the official operation label. */
export const DEFAULT_REPLIES: Readonly<Record<string, Replier>> = {
  'GET /v2/store': () => ok(buildStoreInformation()),
  'GET /v2/orders/{order_id}': ({ params }) => ok(buildOrder(Number(params['order_id']))),
  'GET /v2/orders': ({ query }) => (query.get('page') === '1' ? ok([buildOrder(1), buildOrder(2)]) : { status: 204 }),
  'GET /v2/orders/{order_id}/products': () => ok([buildOrderProduct()]),
  'GET /v3/orders/{order_id}/payment_actions/refunds': ({ params }) =>
    ok({ data: [buildRefund(1, Number(params['order_id']))], meta: {} }),
  'GET /v3/customers': ({ query }) => {
    const after = query.get('after');
    const cursor = (end: string, next: string) => ({ count: 1, per_page: 1, end_cursor: end, links: { next } });
    if (after) return ok({ data: [buildCustomer(2, 'b@example.com')], meta: { cursor_pagination: cursor('c2', '') } });
    const meta = { ...v3Page([], 1, 2).meta, cursor_pagination: cursor('c1', '?after=c1') };
    return ok({ data: [buildCustomer(1, 'a@example.com')], meta });
  },
  'GET /v3/catalog/products': ({ query }) => {
    const page = Number(query.get('page'));
    return ok(v3Page([buildProduct(page, `P-${page}`)], page, 2));
  },
  'GET /v3/catalog/variants': ({ query }) => ok(v3Page([buildVariant(9, 3, query.get('sku') ?? 'V')], 1, 1)),
  'PUT /v3/catalog/variants': ({ body }) => ok({ data: idsOf(body).map((id) => buildVariant(id, 3, 'V')), meta: {} }),
  'PUT /v3/catalog/products': ({ body }) => ok({ data: idsOf(body).map((id) => buildProduct(id, 'P')), meta: {} }),
  'PUT /v3/inventory/adjustments/absolute': () => ok({ transaction_id: 'tx-absolute' }),
  'POST /v3/inventory/adjustments/relative': () => ok({ transaction_id: 'tx-relative' }),
  'GET /v3/inventory/locations': () =>
    ok(v3Page([{ id: 1, code: 'DEFAULT', label: 'Default', enabled: true, type_id: 'PHYSICAL' }], 1, 1)),
  'GET /v3/hooks': () => ok(v3Page([hookOf(1, undefined)], 1, 1)),
  'POST /v3/hooks': ({ body }) => ok({ data: hookOf(7, body), meta: {} }),
  'PUT /v3/hooks/{webhook_id}': ({ params, body }) =>
    ok({ data: hookOf(Number(params['webhook_id']), body), meta: {} }),
  'DELETE /v3/hooks/{webhook_id}': ({ params }) => ok({ data: hookOf(Number(params['webhook_id']), {}), meta: {} }),
};

export interface RecordingStore {
  readonly api: BigCommerceApiClient;
  readonly requests: RecordedRequest[];
  /** Replaces some answers until the next `reset`. */
  override(replies: Readonly<Record<string, Replier>>): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startRecordingStore(catalog: OpenApiCatalog): Promise<RecordingStore> {
  let overrides: Readonly<Record<string, Replier>> = {};
  const server: LocalHttpServer = await startLocalHttpServer((req, res) => {
    const url = new URL(req.url, 'http://local');
    const matched = catalog.match(req.method, url.pathname);
    const replier = matched && (overrides[matched.operation.label] ?? DEFAULT_REPLIES[matched.operation.label]);
    if (!matched || !replier)
      return json(res, 404, [{ status: 404, message: 'The requested resource was not found.' }]);
    const reply = replier({ query: url.searchParams, params: matched.pathParams, body: parseBody(req.body) });
    json(res, reply.status, reply.body);
  });
  const api = createBigCommerceApi({
    storeHash: STORE_HASH,
    accessToken: ACCESS_TOKEN,
    connectionId: 'openapi-conformance',
    apiUrl: server.url,
    retry: { attempts: 1, baseMs: 1, maxMs: 1 },
  });
  return {
    api,
    requests: server.requests,
    override: (replies) => {
      overrides = replies;
    },
    reset: () => {
      overrides = {};
      server.requests.length = 0;
    },
    close: async () => {
      await api.close();
      await server.close();
    },
  };
}

function parseBody(body: string): unknown {
  try {
    return body === '' ? undefined : (JSON.parse(body) as unknown);
  } catch {
    return undefined;
  }
}
