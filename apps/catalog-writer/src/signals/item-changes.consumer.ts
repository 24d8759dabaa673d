import { businesscentralItemChangedV1, TopicValue } from '@mlc/contracts';
import { ConsumerPipeline } from '@mlc/platform-kafka';
import type { DurableCoalescer } from './durable-coalescer';
import { handles, PipelineDeps } from './pipeline-deps';

type ItemChanged = TopicValue<typeof businesscentralItemChangedV1>;

/**
 * `businesscentral.item-changed.v1` (group `catalog-writer.items`): each signal lands in its connection's coalescing
 * window. The handler returns once the signal is durably pending, so the offset is committed only when it can no
 * longer be lost; the push that covers it runs when the window is due.
 */
export function itemChangesPipeline(deps: PipelineDeps, coalescer: DurableCoalescer): ConsumerPipeline<ItemChanged> {
  return new ConsumerPipeline<ItemChanged>({
    ...deps,
    groupId: `catalog-writer.items${deps.groupSuffix}`,
    topic: businesscentralItemChangedV1,
    // Handlers only record the signal; every partition consumed at once keeps bursts (stock scans) short.
    partitionsConsumedConcurrently: 6,
    handler: async (value) => {
      if (!(await handles(deps, value.connectionId, 'item change'))) return;
      await coalescer.add(value.connectionId, value.itemId.toLowerCase(), value.occurredAt);
    },
  });
}
