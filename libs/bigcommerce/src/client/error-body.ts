/**
 * Reads what a BigCommerce error body says, in every documented shape, without ever keeping values that could carry
 * PII: v2 `[{status, message}]`, v3 `{status, title, type, errors}`, variant batches `{batch_errors: [...]}`, refunds
 * `{data: [{status, title | error}]}`. Only the title (emails masked, truncated) and the names of failing fields
 * survive.
 */
export interface ErrorBodySummary {
  readonly title?: string;
  /** Field names (or array indexes) from v3 `errors`, never their messages. */
  readonly fields: readonly string[];
}

const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+/g;
const MAX_TITLE = 160;

export function summarizeErrorBody(body: unknown): ErrorBodySummary {
  const problems = problemsIn(body);
  const titles = problems.map(titleOf).filter((t): t is string => t !== undefined);
  const fields = new Set<string>();
  for (const p of problems) {
    if (isRecord(p.errors)) for (const key of Object.keys(p.errors)) fields.add(key);
  }
  const title = titles.length ? clean(titles.join('; ')) : undefined;
  return title === undefined ? { fields: [...fields] } : { title, fields: [...fields] };
}

/** Masks emails and bounds the length: titles are written by BigCommerce but may echo input. */
export function clean(text: string): string {
  const masked = text.replace(EMAIL, '<email>').replace(/\s+/g, ' ').trim();
  return masked.length > MAX_TITLE ? `${masked.slice(0, MAX_TITLE - 1)}…` : masked;
}

function problemsIn(body: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(body)) return body.filter(isRecord);
  if (!isRecord(body)) return [];
  if (Array.isArray(body['batch_errors'])) return body['batch_errors'].filter(isRecord);
  if (Array.isArray(body['data']) && body['title'] === undefined) return body['data'].filter(isRecord);
  return [body];
}

function titleOf(problem: Record<string, unknown>): string | undefined {
  for (const key of ['title', 'message', 'error']) {
    const value = problem[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
