import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from '@mlc/platform-observability';

/** docs/metrics.md: per SKU part; kind `price`/`stock`, outcome `changed`, `unchanged`, `skipped`, `failed`. */
export const catalogUpdates = new Counter({
  name: 'ml_connector_catalog_updates_total',
  help: 'Catalog updates per SKU part (price or stock) by outcome',
  labelNames: ['connection', 'kind', 'outcome'] as const,
  registers: [registry],
});

/** docs/metrics.md: BC change observed (the signal's occurredAt) to the store updated. */
export const catalogFreshness = new Histogram({
  name: 'ml_connector_catalog_freshness_seconds',
  help: 'Time from a BC change being observed to the store being updated',
  labelNames: ['connection'] as const,
  buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600],
  registers: [registry],
});

/** docs/metrics.md: SKUs whose store level differs from BC inventory − committed (last measurement, uncorrected). */
export const stockDriftSkus = new Gauge({
  name: 'ml_connector_stock_drift_skus',
  help: 'SKUs whose store level differs from BC inventory minus committed stock',
  labelNames: ['connection'] as const,
  registers: [registry],
});

export const stockDriftUnits = new Gauge({
  name: 'ml_connector_stock_drift_units',
  help: 'Sum of absolute stock drift over SKUs',
  labelNames: ['connection'] as const,
  registers: [registry],
});
