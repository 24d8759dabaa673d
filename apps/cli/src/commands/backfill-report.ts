import { EXIT } from '../cli-error';

/** The NDJSON lines catalog-writer's backfill endpoint streams. */
export type BackfillLine =
  | { readonly type: 'progress'; readonly phase: string; readonly done: number; readonly total?: number }
  | ({ readonly type: 'summary' } & BackfillSummary)
  | { readonly type: 'error'; readonly code: string; readonly message: string };

export interface PartTally {
  readonly changed: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly failed: number;
  readonly bySkipReason: Readonly<Record<string, number>>;
}

export interface BackfillSummary {
  readonly connectionId: string;
  readonly map: Readonly<Record<string, number>>;
  readonly push: {
    readonly dryRun: boolean;
    readonly skus: number;
    readonly price: PartTally;
    readonly stock: PartTally;
    readonly requests: {
      readonly planned: number;
      readonly byKind: Readonly<Record<string, number>>;
      readonly failed: number;
      readonly unknown: number;
    };
    readonly drift: { readonly skus: number; readonly units: number; readonly corrected: number; readonly alarms: number };
    readonly warnings: ReadonlyArray<{ readonly message: string; readonly count: number }>;
  };
}

/** Splits a streamed body into lines as they complete; the rest waits for the next chunk. */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const parts = (this.rest + chunk).split('\n');
    this.rest = parts.pop() ?? '';
    return parts.filter((p) => p.trim() !== '');
  }

  end(): string[] {
    const last = this.rest.trim();
    this.rest = '';
    return last === '' ? [] : [last];
  }
}

function list(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function part(name: string, t: PartTally): string {
  return `  ${name}: changed ${t.changed}, unchanged ${t.unchanged}, skipped ${t.skipped}, failed ${t.failed}; skipped by reason: ${list(t.bySkipReason)}`;
}

/** The summary as printed at the end of `ml-connector backfill catalog`. */
export function renderSummary(s: BackfillSummary): string {
  const { mapped = 0, ...skipped } = s.map;
  const { push } = s;
  const lines = [
    `backfill catalog ${s.connectionId}${push.dryRun ? ' (dry run: nothing was written)' : ''}`,
    `  SKU map: ${mapped} mapped; skipped by reason: ${list(skipped)}`,
    part('price', push.price),
    part('stock', push.stock),
    `  requests${push.dryRun ? ' planned' : ''}: ${push.requests.planned} (${list(push.requests.byKind)}); failed ${push.requests.failed}, outcome unknown ${push.requests.unknown}`,
    `  drift: ${push.drift.skus} SKUs (${push.drift.units} units), ${push.drift.corrected} corrected, ${push.drift.alarms} alarms`,
    ...push.warnings.map((w) => `  warning: ${w.message} (${w.count} SKUs)`),
  ];
  return `${lines.join('\n')}\n`;
}

/** 0 when everything went, 1 when some SKU or request failed (the summary says which). */
export function exitCodeOf(s: BackfillSummary): number {
  const failed = s.push.price.failed + s.push.stock.failed + s.push.requests.failed + s.push.requests.unknown;
  return failed > 0 ? EXIT.failed : EXIT.ok;
}
