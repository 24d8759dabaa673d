import type { DataSource } from '@mlc/platform-persistence';
import { sql } from './sql';
import type { HookState, ScanRequest, SubscriptionState, WatchedResource, WatchStateStore } from './watcher-state.port';

/** Subscriptions, hooks and rescan requests in the watcher's schema, and the clean-up of removed connections. */
export class PgWatchStateStore implements WatchStateStore {
  constructor(private readonly db: DataSource) {}

  async subscription(connectionId: string, resource: WatchedResource): Promise<SubscriptionState | undefined> {
    const rows = await sql<{ subscription_id: string; notification_url: string; expires_at: Date; etag: string }>(
      this.db,
      `select subscription_id, notification_url, expires_at, etag from subscriptions
       where connection_id = $1 and resource = $2`,
      [connectionId, resource],
    );
    const r = rows[0];
    return (
      r && {
        subscriptionId: r.subscription_id,
        notificationUrl: r.notification_url,
        expiresAt: r.expires_at,
        etag: r.etag,
      }
    );
  }

  async saveSubscription(connectionId: string, resource: WatchedResource, s: SubscriptionState): Promise<void> {
    await sql(
      this.db,
      `insert into subscriptions (connection_id, resource, subscription_id, notification_url, expires_at, etag)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (connection_id, resource) do update set subscription_id = excluded.subscription_id,
         notification_url = excluded.notification_url, expires_at = excluded.expires_at, etag = excluded.etag,
         updated_at = now()`,
      [connectionId, resource, s.subscriptionId, s.notificationUrl, s.expiresAt, s.etag],
    );
  }

  async hooks(connectionId: string): Promise<Map<string, HookState>> {
    const rows = await sql<{ scope: string; hook_id: string; active: boolean }>(
      this.db,
      `select scope, hook_id::text as hook_id, active from hooks where connection_id = $1`,
      [connectionId],
    );
    return new Map(rows.map((r) => [r.scope, { hookId: Number(r.hook_id), active: r.active }]));
  }

  async saveHook(connectionId: string, scope: string, state: HookState): Promise<void> {
    await sql(
      this.db,
      `insert into hooks (connection_id, scope, hook_id, active) values ($1, $2, $3, $4)
       on conflict (connection_id, scope) do update
         set hook_id = excluded.hook_id, active = excluded.active, checked_at = now()`,
      [connectionId, scope, state.hookId, state.active],
    );
  }

  async requestScan(connectionId: string, resource: WatchedResource, reason: string): Promise<void> {
    await sql(
      this.db,
      `insert into scan_requests (connection_id, resource, reason) values ($1, $2, $3)
       on conflict (connection_id, resource) do update set reason = excluded.reason, requested_at = now()`,
      [connectionId, resource, reason],
    );
  }

  async pendingScans(): Promise<ScanRequest[]> {
    const rows = await sql<{ connection_id: string; resource: WatchedResource; requested_at: Date }>(
      this.db,
      `select connection_id, resource, requested_at from scan_requests order by requested_at`,
    );
    return rows.map((r) => ({ connectionId: r.connection_id, resource: r.resource, requestedAt: r.requested_at }));
  }

  async scanDone(request: ScanRequest): Promise<void> {
    await sql(
      this.db,
      `delete from scan_requests where connection_id = $1 and resource = $2
         and date_trunc('milliseconds', requested_at) <= $3`,
      [request.connectionId, request.resource, request.requestedAt],
    );
  }

  /**
   * Every connection with watcher state holds (or held) a lease row, and the per-connection tables are small, so the
   * candidates are found without scanning `stock_scan`, and their rows are then deleted by index. The candidates are
   * read before the registry: a connection registered meanwhile has no watcher state yet, so it cannot be dropped.
   */
  async forgetRemoved(registered: () => Promise<readonly string[]>): Promise<string[]> {
    const known = await sql<{ connection_id: string }>(
      this.db,
      `select connection_id from (${PER_CONNECTION.map((t) => `select connection_id from ${t}`).join(' union ')}) as known`,
    );
    if (known.length === 0) return [];
    const keep = new Set(await registered());
    const removed = known
      .map((r) => r.connection_id)
      .filter((id) => !keep.has(id))
      .sort();
    if (removed.length === 0) return [];
    const tables = [...PER_CONNECTION, 'stock_scan'];
    await sql(
      this.db,
      `with ${tables.map((t) => `${t}_gone as (delete from ${t} where connection_id = any($1::text[]))`).join(', ')}
       select 1`,
      [removed],
    );
    return removed;
  }
}

/** The watcher's tables with a handful of rows per connection (all but `stock_scan`). */
const PER_CONNECTION = ['leases', 'watermarks', 'scans', 'scan_generations', 'subscriptions', 'hooks', 'scan_requests'];
