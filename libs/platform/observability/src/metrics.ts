import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process-wide Prometheus registry. Every metric is prefixed `ml_connector_` and carries `connection` where it is
 * about one merchant. Metrics shared by several libraries are declared here once, so names never collide.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'ml_connector_process_' });

/** Every call to BigCommerce, Business Central or Entra ID. `status` is the HTTP status or an error code. */
export const externalCalls = new Counter({
  name: 'ml_connector_external_calls_total',
  help: 'Calls to external systems by system, operation, status and connection',
  labelNames: ['system', 'operation', 'status', 'connection'] as const,
  registers: [registry],
});

export const externalCallSeconds = new Histogram({
  name: 'ml_connector_external_call_duration_seconds',
  help: 'Latency of calls to external systems',
  labelNames: ['system', 'operation'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const rateLimited = new Counter({
  name: 'ml_connector_rate_limited_total',
  help: '429 answers received from external systems',
  labelNames: ['system', 'connection'] as const,
  registers: [registry],
});

export const breakerState = new Gauge({
  name: 'ml_connector_breaker_open',
  help: '1 while the circuit for a system and connection is open (0.5 half-open), else 0',
  labelNames: ['system', 'connection'] as const,
  registers: [registry],
});

export function metricsText(): Promise<string> {
  return registry.metrics();
}
