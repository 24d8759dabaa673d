import { bigcommerceCatalogSignalV1, TopicValue } from '@mlc/contracts';
import { ConsumerPipeline } from '@mlc/platform-kafka';
import type { DurableCoalescer } from './durable-coalescer';
import { handles, PipelineDeps } from './pipeline-deps';

type CatalogSignal = TopicValue<typeof bigcommerceCatalogSignalV1>;

/** Inventory webhooks (`store/product/inventory/*`, `store/sku/inventory/*`) change levels, never the SKU map. */
export function refreshesMap(scope: string): boolean {
  return !/\/inventory\//.test(scope);
}

/**
 * `bigcommerce.catalog-signal.v1` (group `catalog-writer.catalog`): products whose SKUs may have changed are
 * coalesced like item changes (our own price pushes make the store fire product webhooks too), then re-read in
 * batches and re-classified in the SKU map.
 */
export function catalogSignalsPipeline(
  deps: PipelineDeps,
  coalescer: DurableCoalescer,
): ConsumerPipeline<CatalogSignal> {
  return new ConsumerPipeline<CatalogSignal>({
    ...deps,
    groupId: `catalog-writer.catalog${deps.groupSuffix}`,
    topic: bigcommerceCatalogSignalV1,
    handler: async (value) => {
      if (!refreshesMap(value.scope)) return;
      if (!(await handles(deps, value.connectionId, 'catalog signal'))) return;
      await coalescer.add(value.connectionId, String(value.productId), value.occurredAt);
    },
  });
}
