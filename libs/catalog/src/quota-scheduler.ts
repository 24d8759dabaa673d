import { RateLimitHeaders } from './rate-limit-headers';

/**
 * Plans BigCommerce requests against the store's quota before it is hit. The quota is store-wide and refills at the
 * end of each fixed window (`X-Rate-Limit-Time-Reset-Ms`); every process reads the same headers. This service may
 * spend `share` of the quota per window and must leave at least `reserve` requests in the window for order reads,
 * so a request goes only while both hold:
 *
 *     sentInWindow < max(1, floor(share * quota))    and    estimatedLeft > reserve
 *
 * where `estimatedLeft` is the last `Requests-Left` seen minus what this service sent since. Otherwise it waits for
 * the window's end. Before any header is seen, one probe request goes to learn them. A 429 blocks until the reset it
 * names (or `X-Retry-After`); consecutive 429s add a doubling back-off. Pure: `now` is passed in, state is plain
 * JSON and each function returns a new state.
 */
export interface QuotaPolicy {
  /** Fraction of the store quota this service may use per window (0 < share <= 1). */
  readonly share: number;
  /** Requests per window always left to order reads. */
  readonly reserve: number;
  /** First extra back-off after a repeated 429, and the wait after a 429 without headers; default 1000. */
  readonly baseBackoffMs?: number;
  /** Cap of the extra back-off; default 30000. */
  readonly maxBackoffMs?: number;
  /** How long to wait for the probe's headers before asking again; default 250. */
  readonly probeWaitMs?: number;
}

export interface QuotaWindow {
  readonly quota: number;
  readonly windowMs: number;
  /** Estimated end of the current window (epoch ms); never earlier than the store's. */
  readonly endsAt: number;
  /** `Requests-Left` as last seen (or the full quota after a local rollover). */
  readonly left: number;
}

/** Per store (connection) scheduler state; plain JSON. */
export interface QuotaState {
  readonly window?: QuotaWindow;
  readonly sentInWindow: number;
  readonly sentSinceHeaders: number;
  readonly blockedUntil: number;
  readonly consecutive429: number;
}

export type QuotaDecision =
  | { readonly go: true }
  | { readonly go: false; readonly waitMs: number; readonly reason: 'probing' | 'share' | 'reserve' | 'rate-limited' };

/** The state before any request or header. */
export function emptyQuotaState(): QuotaState {
  return { sentInWindow: 0, sentSinceHeaders: 0, blockedUntil: 0, consecutive429: 0 };
}

/**
 * Rolls to the window containing `now` when the known one has ended: the quota is full again. Requests sent since
 * the last headers may have reached the store after its reset, so they count against the new window too.
 */
function advance(state: QuotaState, now: number): QuotaState {
  const w = state.window;
  if (!w || now < w.endsAt) return state;
  const periods = Math.floor((now - w.endsAt) / w.windowMs) + 1;
  const window = { ...w, endsAt: w.endsAt + periods * w.windowMs, left: w.quota };
  return { ...state, window, sentInWindow: state.sentSinceHeaders };
}

/** Requests this service may send per window: its share of the quota, at least one. */
export function budgetOf(quota: number, policy: QuotaPolicy): number {
  return Math.max(1, Math.floor(policy.share * quota));
}

/** Whether a request may be sent at `now`, or how long to wait before asking again. */
export function decideRequest(state: QuotaState, now: number, policy: QuotaPolicy): QuotaDecision {
  if (now < state.blockedUntil) return { go: false, waitMs: state.blockedUntil - now, reason: 'rate-limited' };
  const s = advance(state, now);
  const w = s.window;
  if (!w) {
    return s.sentSinceHeaders === 0
      ? { go: true }
      : { go: false, waitMs: policy.probeWaitMs ?? 250, reason: 'probing' };
  }
  const waitMs = Math.max(1, w.endsAt - now);
  if (s.sentInWindow >= budgetOf(w.quota, policy)) return { go: false, waitMs, reason: 'share' };
  if (w.left - s.sentSinceHeaders <= policy.reserve) return { go: false, waitMs, reason: 'reserve' };
  return { go: true };
}

/** Records that a request was sent at `now` (after a `go`). */
export function recordRequestSent(state: QuotaState, now: number): QuotaState {
  const s = advance(state, now);
  return { ...s, sentInWindow: s.sentInWindow + 1, sentSinceHeaders: s.sentSinceHeaders + 1 };
}

function observe(state: QuotaState, headers: RateLimitHeaders, now: number): QuotaState {
  const s = advance(state, now);
  const resetAt = now + headers.resetMs;
  const tolerance = Math.min(2000, headers.windowMs / 4);
  const known = s.window;
  const newWindow = known !== undefined && resetAt > known.endsAt + tolerance;
  const endsAt = known === undefined || newWindow ? resetAt : Math.max(known.endsAt, resetAt);
  const window: QuotaWindow = { quota: headers.quota, windowMs: headers.windowMs, endsAt, left: headers.left };
  // A first sighting cannot tell our share of the used quota apart from others': count it all as ours. In a new
  // window, what we sent since the last headers may have landed in it: count it there.
  const sentInWindow =
    known === undefined ? headers.quota - headers.left : newWindow ? s.sentSinceHeaders : s.sentInWindow;
  return { ...s, window, sentInWindow, sentSinceHeaders: 0 };
}

/** Records the headers of a non-429 response received at `now` (any caller's, since the quota is store-wide). */
export function recordResponse(state: QuotaState, headers: RateLimitHeaders | undefined, now: number): QuotaState {
  const s = headers ? observe(state, headers, now) : state;
  return s.consecutive429 === 0 ? s : { ...s, consecutive429: 0 };
}

/**
 * Records a 429 received at `now`: wait the reset the store names (`X-Rate-Limit-Time-Reset-Ms`, else
 * `retryAfterMs` from `X-Retry-After`, else the base back-off), plus a doubling back-off when 429s repeat.
 */
export function recordRateLimited(
  state: QuotaState,
  headers: RateLimitHeaders | undefined,
  now: number,
  policy: QuotaPolicy,
  retryAfterMs?: number,
): QuotaState {
  const base = policy.baseBackoffMs ?? 1000;
  const consecutive429 = state.consecutive429 + 1;
  const resetWait = headers?.resetMs ?? retryAfterMs ?? base;
  const extra = consecutive429 > 1 ? Math.min(policy.maxBackoffMs ?? 30_000, base * 2 ** (consecutive429 - 2)) : 0;
  const observed = headers ? observe(state, { ...headers, left: 0 }, now) : state;
  return { ...observed, consecutive429, blockedUntil: now + resetWait + extra };
}

/** The policy this service uses, from its catalog settings. */
export function quotaPolicyOf(settings: {
  readonly quotaShare: number;
  readonly reserveForOrderReads: number;
}): QuotaPolicy {
  return { share: settings.quotaShare, reserve: settings.reserveForOrderReads };
}
