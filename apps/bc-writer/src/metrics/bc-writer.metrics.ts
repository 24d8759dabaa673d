import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from '@mlc/platform-observability';

/** Ledger state changes of orders and refunds (docs/metrics.md). */
export const orderSyncTransitions = new Counter({
  name: 'ml_connector_order_sync_transitions_total',
  help: 'Order and refund ledger state changes by connection and new state',
  labelNames: ['connection', 'state'] as const,
  registers: [registry],
});

/** Ledger entries per state, refreshed from the ledger table (so it survives restarts and replicas agree). */
export const ordersByState = new Gauge({
  name: 'ml_connector_orders_by_state',
  help: 'Order ledger entries per connection and state',
  labelNames: ['connection', 'state'] as const,
  registers: [registry],
});

export const totalMismatches = new Counter({
  name: 'ml_connector_total_mismatch_total',
  help: 'BC documents whose total differs from the store total beyond the tolerance',
  labelNames: ['connection'] as const,
  registers: [registry],
});

export const orderLatency = new Histogram({
  name: 'ml_connector_order_latency_seconds',
  help: 'Order signal received to BC document posted (or created, when not posted)',
  labelNames: ['connection'] as const,
  buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 3600],
  registers: [registry],
});
