// Calls to BigCommerce, Business Central and Entra ID: volume, errors, latency, throttling and circuit state.
'use strict';
const { dashboard, quantile, sel, stat, timeseries } = require('./panels');

const c = sel({ connection: true });
const errors = sel({ connection: true, extra: 'status!~"2.."' });

module.exports = dashboard({
  uid: 'mlc-external-apis',
  title: 'External API health and rate limits',
  description: 'Every call the connector makes to BigCommerce, Business Central and Entra ID.',
  connection: true,
  rows: [
    {
      title: 'Now',
      panels: [
        stat({
          title: 'Open circuits',
          description: 'System and connection pairs whose circuit is open or half-open; their messages are parked.',
          targets: [[`count(ml_connector_breaker_open${c} > 0) or vector(0)`, 'open']],
          thresholds: [[1, 'red']],
        }),
        stat({
          title: '429s in range',
          description: 'Throttled answers; the connector plans its calls to stay under the limits.',
          targets: [[`sum(increase(ml_connector_rate_limited_total${c}[$__range])) or vector(0)`, '429s']],
          thresholds: [[1, 'orange']],
        }),
        stat({
          title: 'Error ratio',
          description: 'Share of calls over the selected range that did not answer 2xx.',
          unit: 'percentunit',
          decimals: 2,
          targets: [
            [
              `sum(increase(ml_connector_external_calls_total${errors}[$__range])) / sum(increase(ml_connector_external_calls_total${c}[$__range]))`,
              'errors',
            ],
          ],
          thresholds: [
            [0.01, 'orange'],
            [0.05, 'red'],
          ],
        }),
      ],
    },
    {
      title: 'Calls',
      panels: [
        timeseries({
          title: 'Calls by system and status',
          description: 'status is the HTTP status, or an error code when there was no answer (timeout, reset).',
          unit: 'reqps',
          stack: true,
          targets: [
            [
              `sum by (system, status) (rate(ml_connector_external_calls_total${c}[$__rate_interval]))`,
              '{{system}} {{status}}',
            ],
          ],
        }),
        timeseries({
          title: 'Error ratio by system',
          description: 'Share of calls that did not answer 2xx.',
          unit: 'percentunit',
          min: 0,
          targets: [
            [
              `sum by (system) (rate(ml_connector_external_calls_total${errors}[$__rate_interval])) / sum by (system) (rate(ml_connector_external_calls_total${c}[$__rate_interval]))`,
              '{{system}}',
            ],
          ],
        }),
        timeseries({
          title: 'Latency p95 by operation',
          description: 'Per system and operation, all connections together.',
          unit: 's',
          targets: [
            [
              quantile(0.95, 'ml_connector_external_call_duration_seconds', sel(), { by: ['system', 'operation'] }),
              '{{system}} {{operation}}',
            ],
          ],
        }),
        timeseries({
          title: 'Calls by operation',
          description: 'Which operations use the quota.',
          unit: 'reqps',
          targets: [
            [
              `sum by (system, operation) (rate(ml_connector_external_calls_total${c}[$__rate_interval]))`,
              '{{system}} {{operation}}',
            ],
          ],
        }),
      ],
    },
    {
      title: 'Rate limits and circuits',
      panels: [
        timeseries({
          title: '429s by system and connection',
          description: 'Sustained 429s mean another app shares the quota or the service shares add up to more than it.',
          unit: 'reqps',
          targets: [
            [
              `sum by (system, connection) (rate(ml_connector_rate_limited_total${c}[$__rate_interval]))`,
              '{{system}} {{connection}}',
            ],
          ],
        }),
        timeseries({
          title: 'Circuit state',
          description: '1 open, 0.5 half-open, 0 closed, per system and connection.',
          min: 0,
          max: 1,
          targets: [[`max by (system, connection) (ml_connector_breaker_open${c})`, '{{system}} {{connection}}']],
          thresholds: [
            [0.5, 'orange'],
            [1, 'red'],
          ],
        }),
      ],
    },
  ],
});
