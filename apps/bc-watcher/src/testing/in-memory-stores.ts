import type {
  HookState,
  ItemFingerprint,
  LeaseStore,
  PollStream,
  ScanRequest,
  ScanStart,
  StockScanStore,
  SubscriptionState,
  Watermark,
  WatermarkStore,
  WatchedResource,
  WatchStateStore,
} from '../persistence/watcher-state.port';

/* In-memory implementations of the watcher's state ports, with the same rules as the Postgres ones. */

export class InMemoryLeaseStore implements LeaseStore {
  readonly leases = new Map<string, { holder: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(connectionId: string, holder: string, ttlMs: number): Promise<boolean> {
    const lease = this.leases.get(connectionId);
    if (lease && lease.holder !== holder && lease.expiresAt >= this.now()) return false;
    this.leases.set(connectionId, { holder, expiresAt: this.now() + ttlMs });
    return true;
  }

  async release(connectionIds: readonly string[], holder: string): Promise<void> {
    for (const id of connectionIds) {
      const lease = this.leases.get(id);
      if (lease?.holder === holder) lease.expiresAt = this.now() - 1;
    }
  }

  holds(connectionId: string, holder: string): boolean {
    const lease = this.leases.get(connectionId);
    return lease?.holder === holder && lease.expiresAt > this.now();
  }
}

export class InMemoryWatermarkStore implements WatermarkStore {
  readonly marks = new Map<string, Watermark>();

  constructor(private readonly leases: InMemoryLeaseStore) {}

  async get(connectionId: string, stream: PollStream): Promise<Watermark | undefined> {
    return this.marks.get(`${connectionId}:${stream}`);
  }

  async save(connectionId: string, stream: PollStream, watermark: Watermark, holder: string): Promise<boolean> {
    if (!this.leases.holds(connectionId, holder)) return false;
    const key = `${connectionId}:${stream}`;
    const current = this.marks.get(key);
    const value = current && current.value > watermark.value ? current.value : watermark.value;
    this.marks.set(key, { value, polledAt: watermark.polledAt ?? current?.polledAt });
    return true;
  }
}

export class InMemoryStockScanStore implements StockScanStore {
  readonly rows = new Map<string, ItemFingerprint & { seenIn: number }>();
  readonly completed = new Map<string, { items: number; changes: number; requests: number }>();
  private readonly generations = new Map<string, number>();

  /** Without a lease store every holder may prune (tests of the scan alone). */
  constructor(private readonly leases?: InMemoryLeaseStore) {}

  async begin(connectionId: string): Promise<ScanStart> {
    const generation = (this.generations.get(connectionId) ?? 0) + 1;
    this.generations.set(connectionId, generation);
    return { baseline: !this.completed.has(connectionId), generation };
  }

  async fingerprints(
    connectionId: string,
    itemIds: readonly string[],
    generation: number,
  ): Promise<Map<string, ItemFingerprint>> {
    const found = new Map<string, ItemFingerprint>();
    for (const id of itemIds) {
      const row = this.rows.get(`${connectionId}:${id}`);
      if (!row) continue;
      found.set(id, { stock: row.stock, attrs: row.attrs });
      row.seenIn = Math.max(row.seenIn, generation);
    }
    return found;
  }

  async save(
    connectionId: string,
    rows: ReadonlyArray<{ itemId: string } & ItemFingerprint>,
    generation: number,
  ): Promise<void> {
    for (const r of rows) {
      const key = `${connectionId}:${r.itemId}`;
      this.rows.set(key, { stock: r.stock, attrs: r.attrs, seenIn: Math.max(this.rows.get(key)?.seenIn ?? 0, generation) });
    }
  }

  async unseen(connectionId: string, generation: number, limit: number): Promise<string[]> {
    const prefix = `${connectionId}:`;
    return [...this.rows]
      .filter(([key, row]) => key.startsWith(prefix) && row.seenIn < generation)
      .map(([key]) => key.slice(prefix.length))
      .sort()
      .slice(0, limit);
  }

  async forget(connectionId: string, itemIds: readonly string[], generation: number, holder: string): Promise<boolean> {
    if (this.leases && !this.leases.holds(connectionId, holder)) return false;
    for (const id of itemIds) {
      const key = `${connectionId}:${id}`;
      if ((this.rows.get(key)?.seenIn ?? generation) < generation) this.rows.delete(key);
    }
    return true;
  }

  async complete(connectionId: string, stats: { items: number; changes: number; requests: number }): Promise<void> {
    this.completed.set(connectionId, stats);
  }
}

export class InMemoryWatchStateStore implements WatchStateStore {
  readonly subscriptions = new Map<string, SubscriptionState>();
  readonly hookStates = new Map<string, Map<string, HookState>>();
  readonly requests = new Map<string, ScanRequest>();

  async subscription(connectionId: string, resource: WatchedResource): Promise<SubscriptionState | undefined> {
    return this.subscriptions.get(`${connectionId}:${resource}`);
  }

  async saveSubscription(connectionId: string, resource: WatchedResource, state: SubscriptionState): Promise<void> {
    this.subscriptions.set(`${connectionId}:${resource}`, state);
  }

  async hooks(connectionId: string): Promise<Map<string, HookState>> {
    return new Map(this.hookStates.get(connectionId) ?? []);
  }

  async saveHook(connectionId: string, scope: string, state: HookState): Promise<void> {
    const map = this.hookStates.get(connectionId) ?? new Map<string, HookState>();
    map.set(scope, state);
    this.hookStates.set(connectionId, map);
  }

  async requestScan(connectionId: string, resource: WatchedResource): Promise<void> {
    this.requests.set(`${connectionId}:${resource}`, { connectionId, resource, requestedAt: new Date() });
  }

  async pendingScans(): Promise<ScanRequest[]> {
    return [...this.requests.values()];
  }

  async scanDone(request: ScanRequest): Promise<void> {
    const key = `${request.connectionId}:${request.resource}`;
    const current = this.requests.get(key);
    if (current && current.requestedAt <= request.requestedAt) this.requests.delete(key);
  }

  async forgetRemoved(registered: () => Promise<readonly string[]>): Promise<string[]> {
    const keep = new Set(await registered());
    const dropped = new Set<string>();
    for (const map of [this.subscriptions, this.requests]) {
      for (const key of map.keys()) {
        const connectionId = key.slice(0, key.lastIndexOf(':'));
        if (!keep.has(connectionId)) {
          map.delete(key);
          dropped.add(connectionId);
        }
      }
    }
    for (const connectionId of this.hookStates.keys()) {
      if (!keep.has(connectionId)) {
        this.hookStates.delete(connectionId);
        dropped.add(connectionId);
      }
    }
    return [...dropped].sort();
  }
}
