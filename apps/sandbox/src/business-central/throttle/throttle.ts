import { BcError } from '../api/bc-error';
import type { BcEnvironment } from '../store/bc-environment';

interface Waiter {
  readonly start: () => void;
  readonly fail: (err: BcError) => void;
  cancelTimeout?: () => void;
}

interface UserState {
  /** Sandbox times of accepted requests, oldest first; `head` skips expired ones without shifting. */
  readonly times: number[];
  head: number;
  running: number;
  readonly queue: Waiter[];
}

function tooMany(actual: number, maximum: number): BcError {
  return new BcError(429, 'Application_TooManyRequests', `Too many requests reached. Actual (${actual}). Maximum (${maximum}).`, {}, true);
}

/**
 * BC online's per-user limits: a sliding window of requests (6000 per 5 minutes), 5 requests running at once and up
 * to 95 waiting in a queue; beyond that 429 `Application_TooManyRequests` (no Retry-After, as documented). A queued
 * request that waits longer than the queue timeout (8 minutes, scaled) gets 503. Window and timeout run on the
 * sandbox clock.
 */
export class Throttle {
  private readonly users = new Map<string, UserState>();

  constructor(private readonly env: BcEnvironment) {}

  private state(user: string): UserState {
    let state = this.users.get(user);
    if (!state) {
      state = { times: [], head: 0, running: 0, queue: [] };
      this.users.set(user, state);
    }
    return state;
  }

  /** Counts one OData request (also each operation of a `$batch`) against the rate window. */
  count(user: string): void {
    const { requestsPerWindow, windowMs } = this.env.settings.throttle;
    const state = this.state(user);
    const now = this.env.now();
    while (state.head < state.times.length && state.times[state.head]! <= now - windowMs) state.head += 1;
    if (state.head > 4096) {
      state.times.splice(0, state.head);
      state.head = 0;
    }
    const inWindow = state.times.length - state.head;
    if (inWindow >= requestsPerWindow) throw tooMany(inWindow + 1, requestsPerWindow);
    state.times.push(now);
  }

  /** Runs `fn` in one of the user's concurrency slots, waiting in the queue when all are busy. */
  async run<T>(user: string, fn: () => Promise<T>): Promise<T> {
    const state = this.state(user);
    await this.acquire(state);
    try {
      return await fn();
    } finally {
      this.release(state);
    }
  }

  reset(): void {
    for (const state of this.users.values()) for (const waiter of state.queue) waiter.cancelTimeout?.();
    this.users.clear();
  }

  private acquire(state: UserState): Promise<void> {
    const { maxConcurrent, maxQueue, queueTimeoutMs } = this.env.settings.throttle;
    if (state.running < maxConcurrent && state.queue.length === 0) {
      state.running += 1;
      return Promise.resolve();
    }
    if (state.queue.length >= maxQueue) {
      return Promise.reject(tooMany(state.running + state.queue.length + 1, maxConcurrent + maxQueue));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { start: resolve, fail: reject };
      waiter.cancelTimeout = this.env.clock.after(this.env.scaled(queueTimeoutMs), () => {
        const index = state.queue.indexOf(waiter);
        if (index < 0) return;
        state.queue.splice(index, 1);
        waiter.fail(
          new BcError(
            503,
            'Internal_ServiceUnavailable',
            'The request waited too long for a free slot and was canceled. Please try again later.',
            { 'retry-after': '5' },
          ),
        );
      });
      state.queue.push(waiter);
    });
  }

  private release(state: UserState): void {
    state.running -= 1;
    const next = state.queue.shift();
    if (!next) return;
    next.cancelTimeout?.();
    state.running += 1;
    next.start();
  }
}
