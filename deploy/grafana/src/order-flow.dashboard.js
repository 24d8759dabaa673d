// Orders in: webhooks received, ledger states, end-to-end latency and totals that disagree with the store.
'use strict';
const { dashboard, quantile, sel, stat, timeseries } = require('./panels');

const c = sel({ connection: true });
const attention = 'state=~"NEEDS_MAPPING|PARKED|CONFLICT|FAILED"';

module.exports = dashboard({
  uid: 'mlc-order-flow',
  title: 'Order flow',
  description: 'BigCommerce orders and refunds on their way to Business Central documents.',
  connection: true,
  rows: [
    {
      title: 'Now',
      panels: [
        stat({
          title: 'Orders needing attention',
          description: 'Ledger entries in NEEDS_MAPPING, PARKED, CONFLICT or FAILED: none of them clears by itself.',
          targets: [
            [`sum(ml_connector_orders_by_state${sel({ connection: true, extra: attention })}) or vector(0)`, 'orders'],
          ],
          thresholds: [[1, 'orange']],
        }),
        stat({
          title: 'TOTAL_MISMATCH in range',
          description: 'Documents whose BC total differs from the store total beyond the tolerance.',
          targets: [[`sum(increase(ml_connector_total_mismatch_total${c}[$__range])) or vector(0)`, 'documents']],
          thresholds: [[1, 'red']],
        }),
        stat({
          title: 'Order latency p95',
          description: 'Order signal received to BC document created or posted, over the selected range.',
          unit: 's',
          decimals: 1,
          targets: [[quantile(0.95, 'ml_connector_order_latency_seconds', c, { window: '$__range' }), 'p95']],
          thresholds: [
            [30, 'orange'],
            [120, 'red'],
          ],
        }),
        stat({
          title: 'Webhooks rejected in range',
          description: 'Deliveries that failed verification or validation (see the reasons below).',
          targets: [
            [
              `sum(increase(ml_connector_webhooks_total${sel({ connection: true, extra: 'outcome="rejected"' })}[$__range])) or vector(0)`,
              'rejected',
            ],
          ],
          thresholds: [[1, 'orange']],
        }),
      ],
    },
    {
      title: 'Webhooks in',
      panels: [
        timeseries({
          title: 'Deliveries by outcome',
          description:
            'accepted, duplicate, rejected, or unavailable (answered 503: Kafka did not acknowledge in time).',
          unit: 'reqps',
          stack: true,
          targets: [
            [
              `sum by (system, outcome) (rate(ml_connector_webhooks_total${c}[$__rate_interval]))`,
              '{{system}} {{outcome}}',
            ],
          ],
        }),
        timeseries({
          title: 'Rejected deliveries by reason',
          description: 'Reason codes of rejected deliveries (signature, store id, body size, schema).',
          unit: 'reqps',
          targets: [
            [
              `sum by (system, reason) (rate(ml_connector_webhooks_total${sel({ connection: true, extra: 'outcome="rejected"' })}[$__rate_interval]))`,
              '{{system}} {{reason}}',
            ],
          ],
        }),
      ],
    },
    {
      title: 'Orders',
      panels: [
        timeseries({
          title: 'Ledger transitions by state',
          description: 'Orders and refunds entering each ledger state.',
          unit: 'ops',
          stack: true,
          targets: [
            [`sum by (state) (rate(ml_connector_order_sync_transitions_total${c}[$__rate_interval]))`, '{{state}}'],
          ],
        }),
        timeseries({
          title: 'Ledger entries by state',
          description: 'Current number of ledger entries per state.',
          targets: [[`sum by (state) (ml_connector_orders_by_state${c})`, '{{state}}']],
        }),
        timeseries({
          title: 'Order latency',
          description: 'Order signal received to BC document created or posted.',
          unit: 's',
          targets: [
            [quantile(0.5, 'ml_connector_order_latency_seconds', c), 'p50'],
            [quantile(0.95, 'ml_connector_order_latency_seconds', c), 'p95'],
            [quantile(0.99, 'ml_connector_order_latency_seconds', c), 'p99'],
          ],
        }),
        timeseries({
          title: 'Order signals handled by outcome',
          description: 'bc-writer consumer outcomes on the order-signal topic.',
          unit: 'ops',
          stack: true,
          targets: [
            [
              `sum by (outcome) (rate(ml_connector_messages_total${sel({ extra: 'topic="bigcommerce.order-signal.v1"' })}[$__rate_interval]))`,
              '{{outcome}}',
            ],
          ],
        }),
      ],
    },
  ],
});
