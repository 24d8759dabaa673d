import type { SandboxResponse } from '../../core/router';
import { ApiVersion, v2Error, v3Error } from './bc-errors';
import type { ApiContext } from './api-gateway';

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: SandboxResponse };

/** Parses the request body as JSON; a body that is not JSON is a 400 in the version's error shape. */
export function jsonBody(ctx: ApiContext): Parsed<unknown> {
  if (ctx.req.rawBody.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(ctx.req.rawBody.toString('utf8')) as unknown };
  } catch {
    return { ok: false, response: malformed(ctx.version) };
  }
}

function malformed(version: ApiVersion): SandboxResponse {
  return version === 'v2' ? v2Error(400, 'The request body is not valid JSON.') : v3Error(400, 'Input is invalid.');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An integer query parameter; `undefined` when absent, `null` when present but not an integer. */
export function intParam(query: URLSearchParams, name: string): number | undefined | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^-?\d+$/.test(raw.trim()) ? Number(raw) : null;
}

/** A comma-separated list parameter such as `sku:in=a,b`; undefined when absent. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** `listParam` of integers; null when any entry is not an integer. */
export function intListParam(query: URLSearchParams, name: string): number[] | undefined | null {
  const list = listParam(query, name);
  if (!list) return undefined;
  return list.every((s) => /^-?\d+$/.test(s)) ? list.map(Number) : null;
}

/** A non-negative integer field in a JSON body (quantities, ids). */
export function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** A JSON number usable as money: finite, at most 4 decimals once printed. */
export function isMoneyNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e12;
}
