/*
 * What the watcher keeps between runs and across replicas. Postgres implements these ports (`pg-*.ts`); the unit
 * specs use the in-memory versions under `testing/`.
 */

/** The scheduler lease: one holder per connection, renewed or taken over in one statement. */
export interface LeaseStore {
  /** True when `holder` now holds the lease (renewed, or taken because it was free or expired). */
  acquire(connectionId: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Lets another replica take over at once (graceful shutdown). */
  release(connectionIds: readonly string[], holder: string): Promise<void>;
}

export type PollStream = 'bigcommerce-orders' | 'bc-items' | 'bc-customers';

export interface Watermark {
  /** Everything modified up to here (in the remote system's time) has been published. */
  readonly value: Date;
  /** When the last complete poll of the stream started (local time). */
  readonly polledAt?: Date;
}

export interface WatermarkStore {
  get(connectionId: string, stream: PollStream): Promise<Watermark | undefined>;
  /**
   * Moves the watermark forward (never back) while `holder` holds the connection's lease; false when the lease is
   * lost, so a replica that lost its lease cannot move another replica's watermark.
   */
  save(connectionId: string, stream: PollStream, watermark: Watermark, holder: string): Promise<boolean>;
}

/** One item's fingerprint in the last stock scan. */
export interface ItemFingerprint {
  readonly stock: number;
  readonly attrs: number;
}

/** A stock scan in progress: its generation stamps every row it sees, so rows it did not see can be found after. */
export interface ScanStart {
  /** False until a scan of the connection has completed: until then, scans only record fingerprints. */
  readonly baseline: boolean;
  /** A new number per scan attempt of the connection (a failed attempt's stamps are older than the next one's). */
  readonly generation: number;
}

export interface StockScanStore {
  /** Starts a scan attempt: takes the connection's next generation. */
  begin(connectionId: string): Promise<ScanStart>;
  /** The previous fingerprints of a page's items; stamps the items found as seen by `generation`. */
  fingerprints(
    connectionId: string,
    itemIds: readonly string[],
    generation: number,
  ): Promise<Map<string, ItemFingerprint>>;
  /** Stores new or changed fingerprints, stamped as seen by `generation`. */
  save(
    connectionId: string,
    rows: ReadonlyArray<{ itemId: string } & ItemFingerprint>,
    generation: number,
  ): Promise<void>;
  /** Up to `limit` items of the last scan that the scan `generation` did not see (deleted in BC since). */
  unseen(connectionId: string, generation: number, limit: number): Promise<string[]>;
  /**
   * Deletes those items' rows while `holder` holds the connection's lease; false when the lease is lost (a replica
   * that lost it cannot prune what the new leader's scan is stamping).
   */
  forget(connectionId: string, itemIds: readonly string[], generation: number, holder: string): Promise<boolean>;
  complete(connectionId: string, stats: { items: number; changes: number; requests: number }): Promise<void>;
}

export type WatchedResource = 'items' | 'customers';

/** The BC subscription the watcher last saw for a connection and resource. */
export interface SubscriptionState {
  readonly subscriptionId: string;
  readonly notificationUrl: string;
  readonly expiresAt: Date;
  readonly etag: string;
}

export interface HookState {
  readonly hookId: number;
  readonly active: boolean;
}

export interface ScanRequest {
  readonly connectionId: string;
  readonly resource: WatchedResource;
  readonly requestedAt: Date;
}

export interface WatchStateStore {
  subscription(connectionId: string, resource: WatchedResource): Promise<SubscriptionState | undefined>;
  saveSubscription(connectionId: string, resource: WatchedResource, state: SubscriptionState): Promise<void>;
  hooks(connectionId: string): Promise<Map<string, HookState>>;
  saveHook(connectionId: string, scope: string, state: HookState): Promise<void>;
  requestScan(connectionId: string, resource: WatchedResource, reason: string): Promise<void>;
  pendingScans(): Promise<ScanRequest[]>;
  /** Clears a request unless a newer one arrived meanwhile. */
  scanDone(request: ScanRequest): Promise<void>;
  /**
   * Drops the watcher's rows (lease, watermarks, last stock scan, subscriptions, hooks, rescan requests) of every
   * connection that `registered` (the registry, read after the watcher's own rows) no longer lists; returns the
   * connections dropped.
   */
  forgetRemoved(registered: () => Promise<readonly string[]>): Promise<string[]>;
}
