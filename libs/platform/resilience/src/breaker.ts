import CircuitBreaker from 'opossum';
import { PermanentError, InvalidMessageError, RetryableError } from '@mlc/platform-errors';

export interface BreakerOptions {
  /** Failure percentage over the rolling window that opens the circuit. */
  readonly errorThresholdPercentage: number;
  /** Minimum calls in the window before the percentage counts. */
  readonly volumeThreshold: number;
  /** How long the circuit stays open before one trial call (half-open). */
  readonly resetTimeoutMs: number;
  readonly rollingCountTimeoutMs: number;
}

export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = {
  errorThresholdPercentage: 50,
  volumeThreshold: 10,
  resetTimeoutMs: 15_000,
  rollingCountTimeoutMs: 30_000,
};

export type BreakerState = 'closed' | 'open' | 'half-open';

type Task = () => Promise<unknown>;

/**
 * One opossum breaker per external system per connection. A permanent answer (4xx other than 408/429, invalid data)
 * proves the system is up, so it never counts as a failure; an open circuit surfaces as a RetryableError with code
 * CIRCUIT_OPEN, which the consumer pipeline turns into parking that connection's messages.
 */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker<[Task], unknown>>();

  constructor(
    private readonly options: BreakerOptions = DEFAULT_BREAKER_OPTIONS,
    private readonly onStateChange?: (system: string, connectionId: string, state: BreakerState) => void,
  ) {}

  async run<T>(system: string, connectionId: string, task: () => Promise<T>): Promise<T> {
    const breaker = this.breakerFor(system, connectionId);
    try {
      return (await breaker.fire(task)) as T;
    } catch (err) {
      if (isOpenCircuitError(err)) {
        throw new RetryableError('CIRCUIT_OPEN', `${system} circuit is open for connection ${connectionId}`, {
          retryAfterMs: this.options.resetTimeoutMs,
        });
      }
      throw err;
    }
  }

  state(system: string, connectionId: string): BreakerState {
    const breaker = this.breakers.get(key(system, connectionId));
    if (!breaker) return 'closed';
    return breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed';
  }

  shutdown(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
    this.breakers.clear();
  }

  private breakerFor(system: string, connectionId: string) {
    const k = key(system, connectionId);
    let breaker = this.breakers.get(k);
    if (!breaker) {
      breaker = new CircuitBreaker<[Task], unknown>((task: Task) => task(), {
        timeout: false,
        errorThresholdPercentage: this.options.errorThresholdPercentage,
        volumeThreshold: this.options.volumeThreshold,
        resetTimeout: this.options.resetTimeoutMs,
        rollingCountTimeout: this.options.rollingCountTimeoutMs,
        errorFilter: (err: unknown) => err instanceof PermanentError || err instanceof InvalidMessageError,
      });
      breaker.on('open', () => this.onStateChange?.(system, connectionId, 'open'));
      breaker.on('halfOpen', () => this.onStateChange?.(system, connectionId, 'half-open'));
      breaker.on('close', () => this.onStateChange?.(system, connectionId, 'closed'));
      this.breakers.set(k, breaker);
    }
    return breaker;
  }
}

function key(system: string, connectionId: string) {
  return `${system}\u0000${connectionId}`;
}

function isOpenCircuitError(err: unknown): boolean {
  return err instanceof Error && (err as { code?: string }).code === 'EOPENBREAKER';
}
