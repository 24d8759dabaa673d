import { transition } from '@mlc/orders';
import type { OrderRun } from '../orders/order-run';

/**
 * A permanent failure: the refund being worked on, or else the order, goes to FAILED when the state table allows it
 * (a posted order stays POSTED and only records the error). `ml-connector resync` retries a FAILED entry.
 */
export async function markFailed(run: OrderRun, reason: string): Promise<void> {
  const refund = run.activeRefund;
  if (refund?.row) {
    if (transition(refund.row.state, 'FAIL').ok) await refund.move('FAIL', { lastError: reason }, reason);
    else await refund.note({ lastError: reason });
    return;
  }
  if (!run.row || run.row.state === 'SKIPPED') return;
  if (transition(run.row.state, 'FAIL').ok) await run.move('FAIL', { lastError: reason }, reason);
  else await run.note({ lastError: reason });
}
