import type { SandboxResponse } from '../../core/router';
import type { BcEnvironment } from '../store/bc-environment';
import type { ApiRequest } from './api-request';
import { badRequest, BcError, errorResponse } from './bc-error';
import { parseServicePath } from './odata-path';

/** How `$batch` runs one inner operation (through the same throttle count and dispatcher as a single request). */
export interface BatchRunner {
  /** Synchronous operations (everything but subscriptions). */
  runSync(req: ApiRequest): SandboxResponse;
  /** Subscriptions (validation handshakes are asynchronous). */
  runAsync(req: ApiRequest): Promise<SandboxResponse>;
  isAsync(req: ApiRequest): boolean;
}

interface BatchItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  readonly atomicityGroup?: string;
  readonly dependsOn: string[];
}

const MAX_OPERATIONS = 100;

class Rollback extends Error {}

function parseItems(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) throw badRequest('The batch request body must be a JSON object with a "requests" array.');
  if (requests.length > MAX_OPERATIONS) {
    throw badRequest(`The batch request contains ${requests.length} operations, but at most ${MAX_OPERATIONS} are allowed.`);
  }
  return requests.map((raw: unknown, index) => {
    const r = raw as Record<string, unknown>;
    if (typeof r?.method !== 'string' || typeof r.url !== 'string') {
      throw badRequest(`Batch request ${index + 1} must have a "method" and a "url".`);
    }
    const headers = Object.fromEntries(
      Object.entries((r.headers as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    return {
      id: typeof r.id === 'string' ? r.id : String(index + 1),
      method: r.method.toUpperCase(),
      url: r.url,
      headers,
      body: r.body,
      atomicityGroup: typeof r.atomicityGroup === 'string' ? r.atomicityGroup : undefined,
      dependsOn: Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : [],
    };
  });
}

function innerRequest(outer: ApiRequest, item: BatchItem): ApiRequest {
  const base = new URL(outer.serviceRoot);
  const url = new URL(item.url, base);
  const parsed = parseServicePath(url.pathname);
  if (!parsed) throw badRequest(`The batch request URL '${item.url}' is not inside the service root.`, 'BadRequest_NotFound');
  return {
    method: item.method,
    segments: parsed.segments,
    query: url.searchParams,
    headers: item.headers,
    body: item.body,
    malformedBody: false,
    serviceRoot: outer.serviceRoot,
    url,
    userId: outer.userId,
  };
}

function toBatchResponse(id: string, response: SandboxResponse): Record<string, unknown> {
  const out: Record<string, unknown> = { id, status: response.status, headers: response.headers ?? {} };
  if (response.body !== undefined) out.body = response.body;
  return out;
}

/**
 * JSON `$batch`: at most 100 operations; each keeps its own status. `Isolation: snapshot` makes the whole batch one
 * transaction and an `atomicityGroup` makes its members one: if any of them fails, all their changes roll back.
 */
export async function runBatch(env: BcEnvironment, req: ApiRequest, runner: BatchRunner): Promise<SandboxResponse> {
  try {
    if (req.method !== 'POST') throw new BcError(405, 'BadRequest_MethodNotAllowed', 'Only POST is allowed on $batch.');
    if (req.malformedBody) throw badRequest('Invalid Request Body');
    const items = parseItems(req.body);
    const snapshot = /snapshot/i.test(req.headers.isolation ?? '');
    const responses = new Map<string, SandboxResponse>();
    const failed = (id: string) => (responses.get(id)?.status ?? 200) >= 400;
    const runOne = (item: BatchItem, transactional: boolean): SandboxResponse | Promise<SandboxResponse> => {
      if (item.dependsOn.some(failed)) {
        return new BcError(424, 'BadRequest', 'The request depends on a request of the batch that failed.').toResponse();
      }
      let inner: ApiRequest;
      try {
        inner = innerRequest(req, item);
      } catch (err) {
        return errorResponse(err);
      }
      if (!runner.isAsync(inner)) return runner.runSync(inner);
      if (transactional) return badRequest('Subscriptions cannot be changed inside a transactional batch.').toResponse();
      return runner.runAsync(inner);
    };
    const runGroup = (group: BatchItem[]) => {
      try {
        env.uow.atomic(() => {
          for (const item of group) responses.set(item.id, runOne(item, true) as SandboxResponse);
          if (group.some((item) => failed(item.id))) throw new Rollback();
        });
      } catch (err) {
        if (!(err instanceof Rollback)) throw err;
      }
    };
    if (snapshot) runGroup(items);
    else {
      for (const unit of units(items)) {
        if (unit[0]!.atomicityGroup !== undefined) runGroup(unit);
        else responses.set(unit[0]!.id, await runOne(unit[0]!, false));
      }
    }
    return {
      status: 200,
      headers: { 'odata-version': '4.0' },
      body: { responses: items.map((item) => toBatchResponse(item.id, responses.get(item.id)!)) },
    };
  } catch (err) {
    return errorResponse(err);
  }
}

/** Consecutive members of one atomicity group form a unit; every other operation is a unit of its own. */
function units(items: BatchItem[]): BatchItem[][] {
  const result: BatchItem[][] = [];
  for (const item of items) {
    const last = result[result.length - 1];
    if (item.atomicityGroup !== undefined && last?.[0]?.atomicityGroup === item.atomicityGroup) last.push(item);
    else result.push([item]);
  }
  return result;
}
