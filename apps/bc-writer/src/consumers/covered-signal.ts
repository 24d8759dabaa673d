import type { TopicValue, bigcommerceOrderSignalV1 } from '@mlc/contracts';

type OrderSignal = TopicValue<typeof bigcommerceOrderSignalV1>;

/**
 * Margin between a signal's time and a later read of the order before that read counts as covering the signal.
 * Webhook and poll times are BigCommerce's (`created_at`, `date_modified`: whole seconds on BigCommerce's clock), the
 * read time is ours (PostgreSQL's clock): one second of truncation plus clock skew and read-after-write lag.
 */
export const COVERED_MARGIN_MS = 5000;

/**
 * A store signal (webhook or poll) about an order announces a change made at `occurredAt`. When an attempt that ran
 * to completion read the order more than the margin after that, the change was in what it read and handled: a
 * second read would find the same order (or a newer one, which brings its own signal), so the signal is recorded as
 * covered and costs no BigCommerce call. Under a backlog this folds the webhook and the poll of one order (and
 * BigCommerce's duplicate deliveries) into one read. Refund signals (the refund is read only for them), resyncs and
 * replays (asked for on purpose) are always handled.
 */
export function coveredBy(signal: OrderSignal, lastCompleteReadAt: Date | undefined): boolean {
  if (signal.kind !== 'order' || signal.refundId !== undefined) return false;
  if (signal.source !== 'webhook' && signal.source !== 'poll') return false;
  if (!lastCompleteReadAt) return false;
  const at = Date.parse(signal.occurredAt);
  return Number.isFinite(at) && lastCompleteReadAt.getTime() > at + COVERED_MARGIN_MS;
}
