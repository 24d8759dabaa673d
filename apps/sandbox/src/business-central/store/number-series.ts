import type { UnitOfWork } from './unit-of-work';

interface SeriesSpec {
  readonly prefix: string;
  readonly start: number;
  readonly width: number;
  readonly step: number;
}

/** The number series a CRONUS-like company uses; drafts and posted documents draw from different series. */
const SERIES = {
  customer: { prefix: 'C', start: 10, width: 5, step: 10 },
  item: { prefix: '', start: 1000, width: 4, step: 1 },
  salesOrder: { prefix: 'S-ORD', start: 101001, width: 6, step: 1 },
  salesInvoice: { prefix: 'S-INV', start: 102001, width: 6, step: 1 },
  postedSalesInvoice: { prefix: 'PS-INV', start: 103001, width: 6, step: 1 },
  salesCreditMemo: { prefix: 'S-CR', start: 104001, width: 6, step: 1 },
  postedSalesCreditMemo: { prefix: 'PS-CR', start: 104001, width: 6, step: 1 },
  salesShipment: { prefix: 'S-SHPT', start: 102001, width: 6, step: 1 },
} as const satisfies Record<string, SeriesSpec>;

export type SeriesName = keyof typeof SERIES;

/** No. Series: gap-free within a successful write, rolled back with a failed one. */
export class NumberSeries {
  private readonly used = new Map<SeriesName, number>();
  private entryNumber = 0;

  constructor(private readonly uow: UnitOfWork) {}

  next(name: SeriesName): string {
    const spec: SeriesSpec = SERIES[name];
    const previous = this.used.get(name);
    const value = previous === undefined ? spec.start : previous + spec.step;
    this.used.set(name, value);
    this.uow.record(() => {
      if (previous === undefined) this.used.delete(name);
      else this.used.set(name, previous);
    });
    return `${spec.prefix}${String(value).padStart(spec.width, '0')}`;
  }

  /** Entry No. of ledger entries. */
  nextEntryNumber(): number {
    this.entryNumber += 1;
    const value = this.entryNumber;
    this.uow.record(() => {
      this.entryNumber = value - 1;
    });
    return value;
  }

  clear(): void {
    this.used.clear();
    this.entryNumber = 0;
  }
}
