// Messages the pipeline could not handle: dead-lettered (needs a person) and parked (waits for a connection).
'use strict';
const { dashboard, sel, stat, timeseries } = require('./panels');

const n = sel();
const dlq = sel({ extra: 'outcome="dead_lettered"' });

module.exports = dashboard({
  uid: 'mlc-dlq-parked',
  title: 'DLQ and parked messages',
  description:
    'Dead-lettered messages wait for `ml-connector dlq replay`; parked ones resume when their connection recovers.',
  connection: false,
  rows: [
    {
      title: 'Now',
      panels: [
        stat({
          title: 'Dead-lettered in range',
          description: 'Messages sent to a .dlq topic; inspect with `ml-connector dlq list`.',
          targets: [[`sum(increase(ml_connector_messages_total${dlq}[$__range])) or vector(0)`, 'dead-lettered']],
          thresholds: [[1, 'red']],
        }),
        stat({
          title: 'Parked now',
          description: 'Messages parked behind an unavailable connection.',
          targets: [[`sum(ml_connector_parked_messages${n}) or vector(0)`, 'parked']],
          thresholds: [[1, 'orange']],
        }),
        stat({
          title: 'Oldest parked',
          description: 'Age of the oldest parked message.',
          unit: 's',
          targets: [[`max(ml_connector_parked_oldest_age_seconds${n}) or vector(0)`, 'age']],
          thresholds: [
            [1800, 'orange'],
            [14400, 'red'],
          ],
        }),
      ],
    },
    {
      title: 'Dead letters',
      panels: [
        timeseries({
          title: 'Dead-lettered by topic and group',
          description: 'Permanent failures and invalid messages; the reason is in the DLQ record headers.',
          targets: [
            [
              `sum by (topic, group) (increase(ml_connector_messages_total${dlq}[$__rate_interval]))`,
              '{{group}} {{topic}}',
            ],
          ],
        }),
        timeseries({
          title: 'Retries by group',
          description: 'Retryable failures handled with backoff before success, parking or the DLQ.',
          unit: 'ops',
          targets: [
            [
              `sum by (group) (rate(ml_connector_messages_total${sel({ extra: 'outcome="retried"' })}[$__rate_interval]))`,
              '{{group}}',
            ],
          ],
        }),
      ],
    },
    {
      title: 'Parked',
      panels: [
        timeseries({
          title: 'Parked messages by group',
          description: 'Waiting, in order per key, for an open circuit to close.',
          targets: [[`sum by (group) (ml_connector_parked_messages${n})`, '{{group}}']],
        }),
        timeseries({
          title: 'Oldest parked message by group',
          description: 'Alerts warn after 30 minutes and page after 4 hours.',
          unit: 's',
          targets: [[`max by (group) (ml_connector_parked_oldest_age_seconds${n})`, '{{group}}']],
          thresholds: [
            [1800, 'orange'],
            [14400, 'red'],
          ],
        }),
        timeseries({
          title: 'Parking activity by group',
          description:
            'parked: a message joined the lot; still_parked: a resume attempt found the connection still down.',
          unit: 'ops',
          targets: [
            [
              `sum by (group, outcome) (rate(ml_connector_messages_total${sel({ extra: 'outcome=~"parked|still_parked"' })}[$__rate_interval]))`,
              '{{group}} {{outcome}}',
            ],
          ],
        }),
      ],
    },
  ],
});
