import type {
  HookState,
  ItemFingerprint,
  LeaseStore,
  PollStream,
  ScanRequest,
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
  readonly rows = new Map<string, ItemFingerprint>();
  readonly completed = new Map<string, { items: number; changes: number; requests: number }>();

  async hasBaseline(connectionId: string): Promise<boolean> {
    return this.completed.has(connectionId);
  }

  async fingerprints(connectionId: string, itemIds: readonly string[]): Promise<Map<string, ItemFingerprint>> {
    const found = new Map<string, ItemFingerprint>();
    for (const id of itemIds) {
      const row = this.rows.get(`${connectionId}:${id}`);
      if (row) found.set(id, row);
    }
    return found;
  }

  async save(connectionId: string, rows: ReadonlyArray<{ itemId: string } & ItemFingerprint>): Promise<void> {
    for (const r of rows) this.rows.set(`${connectionId}:${r.itemId}`, { stock: r.stock, attrs: r.attrs });
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
}
