// bc-watcher: BC subscriptions, BigCommerce hooks, the delta polls behind them and the scheduler leases.
'use strict';
const { dashboard, sel, stat, timeseries } = require('./panels');

const c = sel({ connection: true });

module.exports = dashboard({
  uid: 'mlc-subscriptions-hooks',
  title: 'Subscriptions and hooks',
  description: 'What keeps notifications and webhooks flowing, and the polls that fill the gaps.',
  connection: true,
  rows: [
    {
      title: 'Now',
      panels: [
        stat({
          title: 'Soonest subscription expiry',
          description: 'Renewal starts 36 hours before expiry; under 24 hours means renewals fail.',
          unit: 's',
          targets: [[`min(ml_connector_subscription_expiry_seconds${c})`, 'expiry']],
          thresholds: [
            [0, 'red'],
            [21600, 'orange'],
            [86400, 'green'],
          ],
        }),
        stat({
          title: 'Inactive hooks',
          description: 'BigCommerce hooks currently inactive.',
          targets: [[`count(ml_connector_hooks_active${c} == 0) or vector(0)`, 'inactive']],
          thresholds: [[1, 'red']],
        }),
        stat({
          title: 'Subscriptions recreated in range',
          description: 'BC deletes a subscription when its URL answers a notification with a 4xx.',
          targets: [
            [`sum(increase(ml_connector_subscription_recreated_total${c}[$__range])) or vector(0)`, 'recreated'],
          ],
          thresholds: [[1, 'orange']],
        }),
        stat({
          title: 'Hooks reactivated in range',
          description: 'BigCommerce deactivates hooks after about 48 hours of failed deliveries.',
          targets: [[`sum(increase(ml_connector_hook_reactivated_total${c}[$__range])) or vector(0)`, 'reactivated']],
          thresholds: [[1, 'orange']],
        }),
      ],
    },
    {
      title: 'Subscriptions and hooks',
      panels: [
        timeseries({
          title: 'Subscription expiry by resource',
          description: 'Time left on each BC subscription; a healthy line is a sawtooth.',
          unit: 's',
          targets: [
            [
              `min by (connection, resource) (ml_connector_subscription_expiry_seconds${c})`,
              '{{connection}} {{resource}}',
            ],
          ],
          thresholds: [
            [0, 'red'],
            [86400, 'green'],
          ],
        }),
        timeseries({
          title: 'Hooks active by scope',
          description: '1 when the BigCommerce hook is active.',
          min: 0,
          max: 1,
          targets: [[`min by (connection, scope) (ml_connector_hooks_active${c})`, '{{connection}} {{scope}}']],
        }),
      ],
    },
    {
      title: 'Polls and leases',
      panels: [
        timeseries({
          title: 'Poll watermark age by stream',
          description: 'How far behind now each delta poll watermark is; it grows when polls fail.',
          unit: 's',
          targets: [
            [`max by (connection, stream) (ml_connector_poll_watermark_age_seconds${c})`, '{{connection}} {{stream}}'],
          ],
        }),
        timeseries({
          title: 'Scheduler leaders by connection',
          description: 'Replicas holding the connection lease: exactly 1 is healthy, 0 means nobody watches it.',
          min: 0,
          targets: [[`sum by (connection) (ml_connector_scheduler_leader${c})`, '{{connection}}']],
        }),
      ],
    },
  ],
});
