import {
  CatalogPlan,
  CommittedIndex,
  indexCommitted,
  planCatalogUpdates,
  PriceFacts,
  recordPushResult,
  resultsBySku,
  SkuMapEntry,
} from '@mlc/catalog';
import type { BcItemRead } from '../gateways/bc-item-source.port';
import { inventoryKeyOf } from '../gateways/store-gateway.port';
import type { PushTrigger } from '../persistence/push-log.repository';
import type { CommittedLoader } from './committed-source';
import type { ConnectionRuntime } from './connection-runtime';
import type { PushRecording } from './push-recorder';
import { PushSummary, SkuResult } from './push-outcomes';
import { SentWrite, sendWrites, skusNeedingAbsolute } from './write-sender';

export interface PushInput {
  readonly trigger: PushTrigger;
  /** Fresh snapshots of the items to push. */
  readonly items: readonly BcItemRead[];
  /** The mapped SKUs fed by those items. */
  readonly entries: readonly SkuMapEntry[];
  /** Store levels for a drift check (only SKUs with no adjustment in flight). */
  readonly storeLevels?: Readonly<Record<string, number>>;
  readonly dryRun?: boolean;
  /** When each item's change was observed (its signal's occurredAt, epoch ms), for the freshness metric. */
  readonly observedAt?: ReadonlyMap<string, number>;
  readonly onProgress?: (sent: number, planned: number) => void;
}

interface PlanContext {
  readonly items: readonly BcItemRead[];
  readonly committed: CommittedIndex;
  readonly prices: PriceFacts;
  readonly now: number;
}

/**
 * One push: plan with `@mlc/catalog` (prices where they differ from the last pushed, stock as relative adjustments,
 * absolute only for first pushes and drift corrections), send the writes in order, record each SKU with
 * `recordPushResult`. A relative adjustment BigCommerce refuses because the item never had an absolute level drops
 * those SKUs' stock basis and is planned again at once, so they get one. The caller holds the connection's lock.
 */
export class CatalogPusher {
  constructor(
    readonly committed: CommittedLoader,
    private readonly recorder: PushRecording,
    private readonly now: () => number = Date.now,
  ) {}

  async push(rt: ConnectionRuntime, input: PushInput): Promise<PushSummary> {
    const ctx: PlanContext = {
      items: input.items,
      committed: indexCommitted(await this.committed.load(rt, input.entries)),
      prices: await rt.priceFacts(),
      now: this.now(),
    };
    const plan = this.plan(rt, ctx, input.entries, input.storeLevels);
    if (input.dryRun) return this.recorder.dryRun(rt.connectionId, plan, input.entries, input.items);
    const runId = await this.recorder.startRun(rt.connectionId, input.trigger);
    const first = await sendWrites(rt.store, plan.writes, input.onProgress);
    let results = skuResults(plan, first);
    let entries = recordAll(input.entries, results);

    const bySku = new Map(entries.map((e) => [e.sku, e]));
    const absolute = skusNeedingAbsolute(first, (sku) => {
      const entry = bySku.get(sku);
      return entry && inventoryKeyOf(entry);
    });
    let sent = first;
    if (absolute.retry.size > 0) {
      const retried = entries
        .filter((e) => absolute.retry.has(e.sku))
        .map((e) => (absolute.skus.has(e.sku) ? withoutBasis(e) : e));
      const again = this.plan(rt, ctx, retried, undefined);
      const second = await sendWrites(rt.store, again.writes);
      const secondResults = skuResults(again, second);
      results = mergeResults(results, secondResults);
      const recorded = new Map(recordAll(retried, secondResults).map((e) => [e.sku, e]));
      entries = entries.map((e) => recorded.get(e.sku) ?? e);
      sent = [...first, ...second];
    }
    return this.recorder.record({
      runId,
      connectionId: rt.connectionId,
      before: input.entries,
      after: entries,
      results: [...results.values()],
      sent,
      plan,
      items: input.items,
      observedAt: input.observedAt,
    });
  }

  private plan(
    rt: ConnectionRuntime,
    ctx: PlanContext,
    entries: readonly SkuMapEntry[],
    storeLevels: Readonly<Record<string, number>> | undefined,
  ): CatalogPlan {
    return planCatalogUpdates({
      items: ctx.items,
      entries,
      committed: ctx.committed,
      settings: rt.settings,
      prices: ctx.prices,
      now: ctx.now,
      ...(storeLevels !== undefined && { storeLevels }),
    });
  }
}

function withoutBasis(entry: SkuMapEntry): SkuMapEntry {
  const { stockBasis: _dropped, ...rest } = entry;
  return rest;
}

/** Each planned SKU with the results (and error codes) of the writes that carried its price and its stock. */
function skuResults(plan: CatalogPlan, sent: readonly SentWrite[]): Map<string, SkuResult> {
  const bySku = resultsBySku(
    sent.map((s) => s.write),
    sent.map((s) => s.attempt.result),
  );
  const errors = new Map<string, { price?: string; stock?: string }>();
  for (const { write, attempt } of sent) {
    if (attempt.result === 'succeeded') continue;
    const part = write.kind.endsWith('-prices') ? 'price' : 'stock';
    const code = attempt.errorCode ?? attempt.result.toUpperCase();
    for (const sku of write.skus) errors.set(sku, { ...errors.get(sku), [part]: code });
  }
  return new Map(
    plan.outcomes.map((outcome) => [
      outcome.sku,
      { outcome, results: bySku.get(outcome.sku) ?? {}, errors: errors.get(outcome.sku) ?? {} },
    ]),
  );
}

/** Second-pass results replace the first's, except a price the first pass already changed. */
function mergeResults(
  first: ReadonlyMap<string, SkuResult>,
  second: ReadonlyMap<string, SkuResult>,
): Map<string, SkuResult> {
  const merged = new Map(first);
  for (const [sku, again] of second) {
    const before = first.get(sku);
    const keepPrice = before?.outcome.price.status === 'changed' && before.results.price === 'succeeded';
    merged.set(
      sku,
      keepPrice
        ? {
            outcome: { ...again.outcome, price: before.outcome.price },
            results: { ...again.results, price: before.results.price },
            errors: { ...again.errors, price: before.errors.price },
          }
        : again,
    );
  }
  return merged;
}

function recordAll(entries: readonly SkuMapEntry[], results: ReadonlyMap<string, SkuResult>): SkuMapEntry[] {
  return entries.map((entry) => {
    const r = results.get(entry.sku);
    return r ? recordPushResult(entry, r.outcome, r.results) : entry;
  });
}
