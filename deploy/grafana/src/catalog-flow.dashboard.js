// Catalog out: price and stock pushes, their freshness, and store stock that drifted from BC.
'use strict';
const { dashboard, quantile, sel, stat, timeseries } = require('./panels');

const c = sel({ connection: true });

module.exports = dashboard({
  uid: 'mlc-catalog-flow',
  title: 'Catalog flow and stock drift',
  description:
    'BC prices and stock on their way to the store, and how far store stock is from BC inventory minus committed.',
  connection: true,
  rows: [
    {
      title: 'Now',
      panels: [
        stat({
          title: 'SKUs drifting',
          description: 'SKUs whose store level differs from BC inventory minus committed.',
          targets: [[`sum(ml_connector_stock_drift_skus${c}) or vector(0)`, 'SKUs']],
          thresholds: [[1, 'orange']],
        }),
        stat({
          title: 'Units of drift',
          description: 'Sum of absolute drift over those SKUs.',
          targets: [[`sum(ml_connector_stock_drift_units${c}) or vector(0)`, 'units']],
          thresholds: [[1, 'orange']],
        }),
        stat({
          title: 'Failed updates in range',
          description: 'Price or stock updates the store refused or that could not be sent.',
          targets: [
            [
              `sum(increase(ml_connector_catalog_updates_total${sel({ connection: true, extra: 'outcome="failed"' })}[$__range])) or vector(0)`,
              'failed',
            ],
          ],
          thresholds: [[1, 'red']],
        }),
        stat({
          title: 'Freshness p95',
          description: 'BC change observed to store updated, over the selected range.',
          unit: 's',
          decimals: 1,
          targets: [[quantile(0.95, 'ml_connector_catalog_freshness_seconds', c, { window: '$__range' }), 'p95']],
          thresholds: [
            [60, 'orange'],
            [600, 'red'],
          ],
        }),
      ],
    },
    {
      title: 'Updates',
      panels: [
        timeseries({
          title: 'Catalog updates by kind and outcome',
          description: 'changed, unchanged (equal to what was last pushed), skipped (not syncable) or failed.',
          unit: 'ops',
          stack: true,
          targets: [
            [
              `sum by (kind, outcome) (rate(ml_connector_catalog_updates_total${c}[$__rate_interval]))`,
              '{{kind}} {{outcome}}',
            ],
          ],
        }),
        timeseries({
          title: 'Freshness',
          description: 'BC change observed to store updated.',
          unit: 's',
          targets: [
            [quantile(0.5, 'ml_connector_catalog_freshness_seconds', c), 'p50'],
            [quantile(0.95, 'ml_connector_catalog_freshness_seconds', c), 'p95'],
          ],
        }),
      ],
    },
    {
      title: 'Stock drift',
      panels: [
        timeseries({
          title: 'SKUs drifting by connection',
          description: 'Drift is corrected for SKUs with no order in flight; a line that stays up is not converging.',
          targets: [[`sum by (connection) (ml_connector_stock_drift_skus${c})`, '{{connection}}']],
          thresholds: [[1, 'orange']],
        }),
        timeseries({
          title: 'Units of drift by connection',
          description: 'Sum of absolute differences between store levels and BC inventory minus committed.',
          targets: [[`sum by (connection) (ml_connector_stock_drift_units${c})`, '{{connection}}']],
        }),
      ],
    },
  ],
});
