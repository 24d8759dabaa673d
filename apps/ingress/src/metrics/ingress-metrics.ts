import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from '@mlc/platform-observability';

export type WebhookSystem = 'bigcommerce' | 'business-central';

/**
 * Every inbound delivery (BigCommerce) or notification entry (Business Central) by what became of it. `connection`
 * is the id only for known connections; strangers share one label value, so they cannot inflate cardinality.
 */
export const webhooksTotal = new Counter({
  name: 'ml_connector_webhooks_total',
  help: 'Inbound webhooks and notification entries by system, outcome, reason and connection',
  labelNames: ['system', 'outcome', 'reason', 'connection'] as const,
  registers: [registry],
});

export const produceSeconds = new Histogram({
  name: 'ml_connector_kafka_produce_duration_seconds',
  help: 'Time from handing a batch to the producer until the broker acknowledged it (acks=all)',
  labelNames: ['outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const produceBatchRecords = new Histogram({
  name: 'ml_connector_kafka_produce_batch_records',
  help: 'Records per produce request (group commit grows batches with load)',
  buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500],
  registers: [registry],
});

export const dedupEntries = new Gauge({
  name: 'ml_connector_webhook_dedup_entries',
  help: 'Delivery keys remembered for de-duplication',
  registers: [registry],
});

/** The label value used for requests whose connection is not known. */
export const UNKNOWN_CONNECTION_LABEL = '(unknown)';
