import type { CatalogPlan, SkuMapEntry } from '@mlc/catalog';
import type { Logger } from '@mlc/platform-observability';
import type { BcItemRead } from '../gateways/bc-item-source.port';
import { entryRecord } from '../persistence/sku-map.rows';
import type { PushLogRepository, PushTrigger } from '../persistence/push-log.repository';
import type { SkuMapRepository } from '../persistence/sku-map.repository';
import { catalogFreshness, catalogUpdates, stockDriftSkus, stockDriftUnits } from './catalog-metrics';
import type { OutcomeSink } from './outcome-sink';
import {
  CatalogOutcome,
  driftTally,
  outcomeEvent,
  partStatus,
  PushSummary,
  SkuResult,
  tallyParts,
} from './push-outcomes';
import type { SentWrite } from './write-sender';

export interface RecordInput {
  readonly runId: number;
  readonly connectionId: string;
  readonly before: readonly SkuMapEntry[];
  readonly after: readonly SkuMapEntry[];
  readonly results: readonly SkuResult[];
  readonly sent: readonly SentWrite[];
  readonly plan: CatalogPlan;
  readonly items: readonly BcItemRead[];
  readonly observedAt?: ReadonlyMap<string, number>;
}

/** Where a push's run, entries, requests and outcomes are recorded. */
export interface PushRecording {
  startRun(connectionId: string, trigger: PushTrigger): Promise<number>;
  dryRun(
    connectionId: string,
    plan: CatalogPlan,
    entries: readonly SkuMapEntry[],
    items: readonly BcItemRead[],
  ): PushSummary;
  record(input: RecordInput): Promise<PushSummary>;
}

/**
 * Records a push, in the order that keeps it safe to repeat: the SKU map first (a relative adjustment must never be
 * planned twice from the same basis), then the requests and the run, then `sync.catalog-outcome.v1`, metrics and
 * drift.
 */
export class PushRecorder implements PushRecording {
  constructor(
    private readonly skuMap: SkuMapRepository,
    private readonly log: PushLogRepository,
    private readonly outcomes: OutcomeSink,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  startRun(connectionId: string, trigger: PushTrigger): Promise<number> {
    return this.log.startRun(connectionId, trigger, false);
  }

  /** The summary of a plan that is not sent. */
  dryRun(connectionId: string, plan: CatalogPlan, entries: readonly SkuMapEntry[], items: readonly BcItemRead[]) {
    const results = plan.outcomes.map((outcome) => ({ outcome, results: {}, errors: {} }));
    this.logger.info({ connectionId, writes: plan.writes.length }, 'catalog dry run planned');
    return summaryOf(plan, results, [], entries, items, true);
  }

  async record(input: RecordInput): Promise<PushSummary> {
    const { connectionId } = input;
    const stockPushed = new Set(
      input.sent
        .filter((s) => s.write.kind.endsWith('-stock') && s.attempt.result !== 'failed')
        .flatMap((s) => s.write.skus),
    );
    await this.skuMap.saveEntries(connectionId, changedEntries(input.before, input.after), stockPushed);
    await this.log.addRequests(
      input.runId,
      connectionId,
      input.sent.map((s) => s.record),
    );
    const summary = summaryOf(input.plan, input.results, input.sent, input.before, input.items, false);
    await this.log.finishRun(input.runId, summary);
    const at = new Date(this.now()).toISOString();
    await this.outcomes.publish(outcomesOf(connectionId, input, at));
    this.countMetrics(connectionId, input);
    if (input.plan.drift.length > 0) await this.recordDrift(connectionId, input.plan);
    const { price, stock, requests } = summary;
    this.logger.info({ connectionId, runId: input.runId, price, stock, requests }, 'catalog push recorded');
    return { ...summary, runId: input.runId };
  }

  private countMetrics(connectionId: string, input: RecordInput): void {
    const changedItems = new Set<string>();
    for (const r of input.results) {
      const price = partStatus(r.outcome.price, r.results.price);
      const stock = partStatus(r.outcome.stock, r.results.stock);
      catalogUpdates.inc({ connection: connectionId, kind: 'price', outcome: price });
      catalogUpdates.inc({ connection: connectionId, kind: 'stock', outcome: stock });
      if (price === 'changed' || stock === 'changed') changedItems.add(r.outcome.bcItemId);
    }
    const now = this.now();
    for (const itemId of changedItems) {
      const observed = input.observedAt?.get(itemId);
      if (observed !== undefined) catalogFreshness.observe({ connection: connectionId }, Math.max(0, now - observed) / 1000);
    }
  }

  private async recordDrift(connectionId: string, plan: CatalogPlan): Promise<void> {
    await this.log.recordDrift(connectionId, plan.drift);
    const totals = await this.log.driftTotals(connectionId);
    stockDriftSkus.set({ connection: connectionId }, totals.skus);
    stockDriftUnits.set({ connection: connectionId }, totals.units);
    for (const d of plan.drift.filter((r) => r.alarm)) {
      this.logger.warn(
        { connectionId, sku: d.sku, storeLevel: d.storeLevel, expected: d.expected, corrected: d.corrected },
        'stock drift alarm',
      );
    }
  }
}

export function changedEntries(before: readonly SkuMapEntry[], after: readonly SkuMapEntry[]): SkuMapEntry[] {
  const old = new Map(before.map((e) => [e.sku, JSON.stringify(entryRecord(e, false))]));
  return after.filter((e) => old.get(e.sku) !== JSON.stringify(entryRecord(e, false)));
}

export function outcomesOf(connectionId: string, input: RecordInput, at: string): CatalogOutcome[] {
  const found = new Set(input.items.map((i) => i.id));
  const gone = input.before
    .filter((e) => !found.has(e.bcItemId))
    .map((e): CatalogOutcome => ({ connectionId, sku: e.sku, outcome: 'skipped', reason: 'missing-in-bc', occurredAt: at }));
  return [...input.results.map((r) => outcomeEvent(connectionId, r, at)), ...gone];
}

export function summaryOf(
  plan: CatalogPlan,
  results: readonly SkuResult[],
  sent: readonly SentWrite[],
  entries: readonly SkuMapEntry[],
  items: readonly BcItemRead[],
  dryRun: boolean,
): PushSummary {
  const byKind: Record<string, number> = {};
  const writes = sent.length > 0 ? sent.map((s) => s.write) : plan.writes;
  for (const w of writes) byKind[w.kind] = (byKind[w.kind] ?? 0) + 1;
  const found = new Set(items.map((i) => i.id));
  const { price, stock } = tallyParts(results, dryRun);
  const missing = entries.filter((e) => !found.has(e.bcItemId)).length;
  if (missing > 0) {
    price.skipped += missing;
    stock.skipped += missing;
    price.bySkipReason['missing-in-bc'] = (price.bySkipReason['missing-in-bc'] ?? 0) + missing;
    stock.bySkipReason['missing-in-bc'] = (stock.bySkipReason['missing-in-bc'] ?? 0) + missing;
  }
  return {
    dryRun,
    skus: entries.length,
    price,
    stock,
    requests: {
      planned: sent.length > 0 ? sent.length : plan.writes.length,
      byKind,
      succeeded: sent.filter((s) => s.attempt.result === 'succeeded').length,
      failed: sent.filter((s) => s.attempt.result === 'failed').length,
      unknown: sent.filter((s) => s.attempt.result === 'unknown').length,
    },
    unmatchedItems: plan.unmatchedItems.length,
    drift: driftTally(plan.drift),
    warnings: plan.warnings,
    retryable: sent.some((s) => s.attempt.retryable && s.attempt.result !== 'succeeded'),
  };
}
