import type { CatalogPlan, SkuMapEntry } from '@mlc/catalog';
import type { BcItemRead } from '../gateways/bc-item-source.port';
import type { CatalogOutcome, PushSummary } from '../push/push-outcomes';
import { outcomesOf, PushRecording, RecordInput, summaryOf } from '../push/push-recorder';

/** Records pushes in memory: the SKU map as last recorded, every outcome, every run's requests. */
export class MemoryRecording implements PushRecording {
  readonly entries = new Map<string, SkuMapEntry>();
  readonly outcomes: CatalogOutcome[] = [];
  readonly runs: RecordInput[] = [];

  async startRun(): Promise<number> {
    return this.runs.length + 1;
  }

  dryRun(_connectionId: string, plan: CatalogPlan, entries: readonly SkuMapEntry[], items: readonly BcItemRead[]) {
    return summaryOf(
      plan,
      plan.outcomes.map((outcome) => ({ outcome, results: {}, errors: {} })),
      [],
      entries,
      items,
      true,
    );
  }

  async record(input: RecordInput): Promise<PushSummary> {
    this.runs.push(input);
    for (const e of input.after) this.entries.set(e.sku, e);
    this.outcomes.push(...outcomesOf(input.connectionId, input, new Date(0).toISOString()));
    return { ...summaryOf(input.plan, input.results, input.sent, input.before, input.items, false), runId: input.runId };
  }
}
