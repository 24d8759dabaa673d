import { syncOrderStateV1, TopicValue } from '@mlc/contracts';
import { ConsumerPipeline } from '@mlc/platform-kafka';
import type { CommittedRepository } from '../persistence/committed.repository';
import { handles, PipelineDeps } from './pipeline-deps';

type OrderState = TopicValue<typeof syncOrderStateV1>;

/**
 * `sync.order-state.v1` (group `catalog-writer.order-states`): folds each event into committed stock. An order
 * event never pushes by itself: BigCommerce deducted the order when it was placed and the stock model keeps the
 * store and the target moving together (see `@mlc/catalog` stock-drift.ts).
 */
export function orderStatesPipeline(deps: PipelineDeps, committed: CommittedRepository): ConsumerPipeline<OrderState> {
  return new ConsumerPipeline<OrderState>({
    ...deps,
    groupId: `catalog-writer.order-states${deps.groupSuffix}`,
    topic: syncOrderStateV1,
    handler: async (value) => {
      if (!(await handles(deps, value.connectionId, 'order state'))) return;
      await committed.apply(value);
    },
  });
}
