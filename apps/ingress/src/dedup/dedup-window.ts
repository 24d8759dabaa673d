/**
 * Remembers recently published deliveries, in memory, so a redelivery is acknowledged without being routed twice.
 * Bounded twice: entries expire after `ttlMs`, and the oldest are evicted beyond `maxEntries`. Every entry has the same
 * lifetime, so insertion order is expiry order and pruning only ever looks at the head of the map.
 *
 * A delivery is claimed before it is published and committed only once the broker acknowledged it; a redelivery that
 * arrives meanwhile waits for that outcome instead of publishing a second copy. Losing the window (restart, eviction)
 * only costs a duplicate signal, which downstream handlers absorb: they are idempotent.
 */
export interface DedupWindowOptions {
  readonly ttlMs: number;
  readonly maxEntries: number;
}

/** A claim on a delivery's keys: commit after the broker acknowledged, release after a failure. */
export interface DedupClaim {
  commit(): void;
  release(): void;
}

export type DedupState =
  | { readonly kind: 'claimed'; readonly claim: DedupClaim }
  | { readonly kind: 'duplicate' }
  /** Another request holds a claim on one of the keys; check again once it settles. */
  | { readonly kind: 'pending'; readonly settled: Promise<void> };

export class DedupWindow {
  private readonly expiries = new Map<string, number>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly options: DedupWindowOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Entries currently remembered (expired ones count until the next prune). */
  get size(): number {
    return this.expiries.size;
  }

  /** Looks the keys up and claims them all when none is known or pending. Synchronous: no await can interleave. */
  begin(keys: readonly string[]): DedupState {
    const now = this.now();
    for (const key of keys) {
      const expiry = this.expiries.get(key);
      if (expiry !== undefined && expiry > now) return { kind: 'duplicate' };
    }
    for (const key of keys) {
      const settled = this.pending.get(key);
      if (settled) return { kind: 'pending', settled };
    }
    return { kind: 'claimed', claim: this.claim(keys) };
  }

  /** Drops expired entries, then the oldest beyond the bound. Returns how many were dropped. */
  prune(): number {
    const now = this.now();
    let dropped = 0;
    for (const [key, expiry] of this.expiries) {
      if (expiry > now && this.expiries.size <= this.options.maxEntries) break;
      this.expiries.delete(key);
      dropped += 1;
    }
    return dropped;
  }

  private claim(keys: readonly string[]): DedupClaim {
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    for (const key of keys) this.pending.set(key, settled);
    let done = false;
    const finish = (committed: boolean) => {
      if (done) return;
      done = true;
      for (const key of keys) {
        if (this.pending.get(key) === settled) this.pending.delete(key);
        if (committed) this.remember(key);
      }
      if (committed) this.prune();
      settle();
    };
    return { commit: () => finish(true), release: () => finish(false) };
  }

  private remember(key: string): void {
    // Re-inserting keeps the map in expiry order.
    this.expiries.delete(key);
    this.expiries.set(key, this.now() + this.options.ttlMs);
  }
}
