import { Counter, Gauge } from 'prom-client';
import { registry } from '@mlc/platform-observability';

/* bc-watcher's metrics, named as in docs/metrics.md. Ages and expiries are computed at scrape time from instants. */

/** Instants behind the computed gauges, by `connection` then by resource or stream. */
class Instants {
  private readonly byConnection = new Map<string, Map<string, number>>();

  set(connection: string, key: string, epochMs: number): void {
    const map = this.byConnection.get(connection) ?? new Map<string, number>();
    map.set(key, epochMs);
    this.byConnection.set(connection, map);
  }

  forget(connection: string): void {
    this.byConnection.delete(connection);
  }

  entries(): Array<[string, string, number]> {
    return [...this.byConnection].flatMap(([c, m]) => [...m].map(([k, v]) => [c, k, v] as [string, string, number]));
  }
}

/** Subscription expiry instants (BC time, from `expirationDateTime`) and the clock they are compared with. */
export const subscriptionExpiries = new Instants();
/** Start of the last complete poll per stream (local time). */
export const pollCompletions = new Instants();
let clock: () => number = Date.now;

/** The clock the computed gauges use (tests follow the sandbox clock). */
export function useMetricsClock(now: () => number): void {
  clock = now;
}

export const subscriptionExpirySeconds = new Gauge({
  name: 'ml_connector_subscription_expiry_seconds',
  help: 'Seconds until the BC subscription expires',
  labelNames: ['connection', 'resource'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [connection, resource, at] of subscriptionExpiries.entries()) {
      this.set({ connection, resource }, Math.round((at - clock()) / 1000));
    }
  },
});

export const subscriptionRecreated = new Counter({
  name: 'ml_connector_subscription_recreated_total',
  help: 'BC subscriptions that BC had deleted and the watcher recreated',
  labelNames: ['connection', 'resource'] as const,
  registers: [registry],
});

export const hooksActive = new Gauge({
  name: 'ml_connector_hooks_active',
  help: '1 when the BigCommerce hook is active',
  labelNames: ['connection', 'scope'] as const,
  registers: [registry],
});

export const hookReactivated = new Counter({
  name: 'ml_connector_hook_reactivated_total',
  help: 'Deactivated BigCommerce hooks reactivated (followed by a catch-up poll)',
  labelNames: ['connection', 'scope'] as const,
  registers: [registry],
});

/** Measured from the start of the last complete poll: an idle stream whose polls succeed is not behind. */
export const pollWatermarkAge = new Gauge({
  name: 'ml_connector_poll_watermark_age_seconds',
  help: 'How far behind now each delta poll watermark is',
  labelNames: ['connection', 'stream'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [connection, stream, at] of pollCompletions.entries()) {
      this.set({ connection, stream }, Math.max(0, Math.round((Date.now() - at) / 1000)));
    }
  },
});

export const schedulerLeader = new Gauge({
  name: 'ml_connector_scheduler_leader',
  help: "1 on the replica holding the connection's scheduler lease",
  labelNames: ['connection'] as const,
  registers: [registry],
});

const hookScopes = new Map<string, Set<string>>();

/** Sets a hook's state and remembers the label, so a replica that loses the lease can drop its stale series. */
export function setHookActive(connection: string, scope: string, active: boolean): void {
  hooksActive.set({ connection, scope }, active ? 1 : 0);
  const scopes = hookScopes.get(connection) ?? new Set<string>();
  scopes.add(scope);
  hookScopes.set(connection, scopes);
}

/** Drops a connection's per-connection series on this replica (leadership lost, connection removed). */
export function forgetConnection(connection: string): void {
  schedulerLeader.set({ connection }, 0);
  pollCompletions.forget(connection);
  subscriptionExpiries.forget(connection);
  for (const scope of hookScopes.get(connection) ?? []) hooksActive.remove({ connection, scope });
  hookScopes.delete(connection);
}
