import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from '@mlc/platform-observability';

export const messagesTotal = new Counter({
  name: 'ml_connector_messages_total',
  help: 'Messages taken off Kafka by topic, consumer group and outcome (handled, retried, parked, dead_lettered)',
  labelNames: ['topic', 'group', 'outcome'] as const,
  registers: [registry],
});

export const handleSeconds = new Histogram({
  name: 'ml_connector_message_handle_duration_seconds',
  help: 'Time to handle one message, retries included',
  labelNames: ['topic', 'group'] as const,
  buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});

export const parkedMessages = new Gauge({
  name: 'ml_connector_parked_messages',
  help: 'Messages parked behind a connection whose system is unavailable',
  labelNames: ['group'] as const,
  registers: [registry],
});

export const parkedOldestSeconds = new Gauge({
  name: 'ml_connector_parked_oldest_age_seconds',
  help: 'Age of the oldest parked message',
  labelNames: ['group'] as const,
  registers: [registry],
});

export const consumerLag = new Gauge({
  name: 'ml_connector_consumer_lag',
  help: 'Messages behind the partition high watermark, by topic, group and partition',
  labelNames: ['topic', 'group', 'partition'] as const,
  registers: [registry],
});
