import {
  catalogOutcomeOf,
  DriftReport,
  PlanWarning,
  PriceOutcome,
  PushResults,
  SkuOutcome,
  StockOutcome,
  WriteResult,
} from '@mlc/catalog';
import type { TopicValue, syncCatalogOutcomeV1 } from '@mlc/contracts';

export type CatalogOutcome = TopicValue<typeof syncCatalogOutcomeV1>;
export type PartStatus = 'changed' | 'unchanged' | 'skipped' | 'failed';

/** Per part (price or stock): SKUs changed, left unchanged, skipped (by reason) and failed. */
export interface PartTally {
  changed: number;
  unchanged: number;
  skipped: number;
  failed: number;
  bySkipReason: Record<string, number>;
}

/** What one push (or dry run) did, as the backfill command prints it and push runs record it. */
export interface PushSummary {
  readonly runId?: number;
  readonly dryRun: boolean;
  readonly skus: number;
  readonly price: PartTally;
  readonly stock: PartTally;
  readonly requests: {
    readonly planned: number;
    readonly byKind: Record<string, number>;
    readonly succeeded: number;
    readonly failed: number;
    readonly unknown: number;
  };
  readonly unmatchedItems: number;
  readonly drift: { measured: number; skus: number; units: number; corrected: number; alarms: number };
  readonly warnings: readonly PlanWarning[];
  /** Some write failed in a way a later attempt may fix. */
  readonly retryable: boolean;
}

/** One SKU's planned outcome with the results of the writes that carried it and their error codes. */
export interface SkuResult {
  readonly outcome: SkuOutcome;
  readonly results: PushResults;
  readonly errors: { readonly price?: string; readonly stock?: string };
}

/** A part as it ended: a planned change whose write did not succeed is `failed`. */
export function partStatus(part: PriceOutcome | StockOutcome, result: WriteResult | undefined, dryRun = false): PartStatus {
  if (part.status !== 'changed') return part.status;
  return dryRun || result === 'succeeded' ? 'changed' : 'failed';
}

export function emptyTally(): PartTally {
  return { changed: 0, unchanged: 0, skipped: 0, failed: 0, bySkipReason: {} };
}

export function tallyParts(results: readonly SkuResult[], dryRun: boolean): { price: PartTally; stock: PartTally } {
  const price = emptyTally();
  const stock = emptyTally();
  for (const r of results) {
    count(price, r.outcome.price, partStatus(r.outcome.price, r.results.price, dryRun));
    count(stock, r.outcome.stock, partStatus(r.outcome.stock, r.results.stock, dryRun));
  }
  return { price, stock };
}

function count(tally: PartTally, part: PriceOutcome | StockOutcome, status: PartStatus): void {
  tally[status] += 1;
  if (part.status === 'skipped') tally.bySkipReason[part.reason] = (tally.bySkipReason[part.reason] ?? 0) + 1;
}

/** The `sync.catalog-outcome.v1` record of one SKU. */
export function outcomeEvent(connectionId: string, r: SkuResult, occurredAt: string): CatalogOutcome {
  const base = catalogOutcomeOf(r.outcome);
  const priceFailed = partStatus(r.outcome.price, r.results.price) === 'failed';
  const stockFailed = partStatus(r.outcome.stock, r.results.stock) === 'failed';
  const failure = priceFailed ? (r.errors.price ?? 'failed') : stockFailed ? (r.errors.stock ?? 'failed') : undefined;
  return {
    connectionId,
    sku: r.outcome.sku,
    outcome: failure === undefined ? base.outcome : 'failed',
    ...(failure !== undefined ? { reason: failure } : base.reason !== undefined ? { reason: base.reason } : {}),
    ...(base.price !== undefined && { price: base.price }),
    ...(base.level !== undefined && { level: base.level }),
    ...(base.drift !== undefined && { drift: base.drift }),
    occurredAt,
  };
}

export function driftTally(reports: readonly DriftReport[]): PushSummary['drift'] {
  const drifted = reports.filter((d) => d.drift !== 0);
  return {
    measured: reports.length,
    skus: drifted.length,
    units: drifted.reduce((sum, d) => sum + Math.abs(d.drift), 0),
    corrected: drifted.filter((d) => d.corrected).length,
    alarms: drifted.filter((d) => d.alarm).length,
  };
}
