// The Kafka pipeline: consumer lag, handling outcomes and latency, and produce latency.
'use strict';
const { dashboard, quantile, sel, stat, timeseries } = require('./panels');

const n = sel();

module.exports = dashboard({
  uid: 'mlc-kafka',
  title: 'Kafka lag and throughput',
  description: 'Consumer groups of the connector and the producers behind them.',
  connection: false,
  rows: [
    {
      title: 'Now',
      panels: [
        stat({
          title: 'Total lag',
          description: 'Messages behind the high watermarks, all groups.',
          targets: [[`sum(ml_connector_consumer_lag${n}) or vector(0)`, 'lag']],
          thresholds: [
            [1000, 'orange'],
            [10000, 'red'],
          ],
        }),
        stat({
          title: 'Handled per second',
          description: 'Messages handled successfully, all groups.',
          unit: 'ops',
          decimals: 1,
          targets: [
            [
              `sum(rate(ml_connector_messages_total${sel({ extra: 'outcome="handled"' })}[5m])) or vector(0)`,
              'handled',
            ],
          ],
        }),
        stat({
          title: 'Produce latency p99',
          description: 'Kafka produce with acks=all over the selected range.',
          unit: 's',
          decimals: 3,
          targets: [[quantile(0.99, 'ml_connector_kafka_produce_duration_seconds', n, { window: '$__range' }), 'p99']],
          thresholds: [
            [0.1, 'orange'],
            [1, 'red'],
          ],
        }),
      ],
    },
    {
      title: 'Consumers',
      panels: [
        timeseries({
          title: 'Lag by group and topic',
          description: 'Messages behind the high watermark; a line that keeps rising means the group does not keep up.',
          targets: [[`sum by (group, topic) (ml_connector_consumer_lag${n})`, '{{group}} {{topic}}']],
        }),
        timeseries({
          title: 'Lag by partition (top 10)',
          description: 'A single hot partition points at one key (connection, order) holding the others up.',
          targets: [
            [
              `topk(10, max by (group, topic, partition) (ml_connector_consumer_lag${n}))`,
              '{{group}} {{topic}}/{{partition}}',
            ],
          ],
        }),
        timeseries({
          title: 'Messages by group and outcome',
          description: 'handled, retried, parked, still_parked, dead_lettered.',
          unit: 'ops',
          stack: true,
          targets: [
            [
              `sum by (group, outcome) (rate(ml_connector_messages_total${n}[$__rate_interval]))`,
              '{{group}} {{outcome}}',
            ],
          ],
        }),
        timeseries({
          title: 'Handling time p95 by group',
          description: 'Time to handle one message, retries included.',
          unit: 's',
          targets: [
            [quantile(0.95, 'ml_connector_message_handle_duration_seconds', n, { by: ['group'] }), '{{group}}'],
          ],
        }),
      ],
    },
    {
      title: 'Producers',
      panels: [
        timeseries({
          title: 'Produce latency by topic',
          description: 'acks=all; ingress acknowledges a webhook only after this.',
          unit: 's',
          targets: [
            [quantile(0.5, 'ml_connector_kafka_produce_duration_seconds', n, { by: ['outcome'] }), 'p50 {{outcome}}'],
            [quantile(0.99, 'ml_connector_kafka_produce_duration_seconds', n, { by: ['outcome'] }), 'p99 {{outcome}}'],
          ],
        }),
        timeseries({
          title: 'Produce requests per second by outcome',
          description: 'Produce requests acknowledged (ok) or failed (error) by the broker.',
          unit: 'ops',
          stack: true,
          targets: [
            [`sum by (outcome) (rate(ml_connector_kafka_produce_duration_seconds_count${n}[$__rate_interval]))`, '{{outcome}}'],
          ],
        }),
      ],
    },
  ],
});
