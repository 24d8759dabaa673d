import { ServerResponse } from 'node:http';
import { LocalHttpServer, RecordedRequest, json, startLocalHttpServer } from '../testing/local-http-server';
import { BigCommerceApiClient, createBigCommerceApi } from './bigcommerce-api-client';

/** A local BigCommerce stand-in routed by `METHOD /path` (without `/stores/{hash}` and the query). */
export type Route = (req: RecordedRequest, query: URLSearchParams, res: ServerResponse) => void;

export interface Harness {
  readonly api: BigCommerceApiClient;
  readonly server: LocalHttpServer;
  /** Requests as `METHOD /path?query`, store prefix removed. */
  calls(): string[];
  close(): Promise<void>;
}

export async function harness(routes: Record<string, Route>): Promise<Harness> {
  const server = await startLocalHttpServer((req, res) => {
    const url = new URL(req.url, 'http://local');
    const key = `${req.method} ${url.pathname.replace(/^\/stores\/abc123/, '')}`;
    const route = routes[key];
    if (!route) return json(res, 404, [{ status: 404, message: 'The requested resource was not found.' }]);
    route(req, url.searchParams, res);
  });
  const api = createBigCommerceApi({
    storeHash: 'abc123',
    accessToken: 'token',
    connectionId: 'resources-spec',
    apiUrl: server.url,
    retry: { attempts: 2, baseMs: 1, maxMs: 1 },
    sleep: async () => undefined,
  });
  return {
    api,
    server,
    calls: () => server.requests.map((r) => `${r.method} ${r.url.replace(/^\/stores\/abc123/, '')}`),
    close: async () => {
      await api.close();
      await server.close();
    },
  };
}

export function v3Page<T>(data: T[], page: number, totalPages: number) {
  return {
    data,
    meta: {
      pagination: {
        total: data.length,
        count: data.length,
        per_page: 250,
        current_page: page,
        total_pages: totalPages,
        links: {},
      },
    },
  };
}
