import type { PlannedCatalogChange, PlannedOrder } from './demo-plan';
import type { SandboxState } from './sandbox-control';

/** What the order is in the demo's story, which decides its expected end state. */
export type OrderRole = 'normal' | 'cancelled' | 'unmapped';

export interface PlacedOrder {
  readonly plan: PlannedOrder;
  readonly role: OrderRole;
  readonly id: number;
  /** When the store accepted it (and fired its webhooks), epoch ms. */
  readonly placedAt: number;
  readonly totalIncTax: string;
}

export interface PlacedRefund {
  readonly orderId: number;
  readonly refundId: number;
  readonly amount: string;
  readonly at: number;
}

export interface AppliedChange extends PlannedCatalogChange {
  readonly appliedAt: number;
  /** First time the demo saw the store carry the new value. */
  seenAt?: number;
}

/** An order refused by the store at checkout (out of stock): not expected anywhere. */
export interface RefusedOrder {
  readonly plan: PlannedOrder;
  readonly reason: string;
}

/** Everything the demo did, as it did it. */
export interface DemoRecord {
  readonly connectionId: string;
  readonly documentPrefix: string;
  readonly startedAt: number;
  readonly skus: readonly string[];
  /** BC customers before the first order (the seeded ones). */
  readonly bcCustomersBefore: number;
  readonly orders: PlacedOrder[];
  readonly refused: RefusedOrder[];
  readonly refunds: PlacedRefund[];
  readonly changes: AppliedChange[];
  /** Set once the unmapped order's SKU was mapped and the order resynced. */
  mappingFixedAt?: number;
}

export interface LedgerOrder {
  readonly orderId: number;
  readonly state: string;
  readonly documentType: string | null;
  readonly documentNumber: string | null;
  readonly posted: boolean;
  readonly lastError: string | null;
}

export interface LedgerRefund {
  readonly orderId: number;
  readonly refundId: number;
  readonly state: string;
  readonly creditMemoNumber: string | null;
  readonly posted: boolean;
  readonly lastError: string | null;
}

/** One look at both systems and the connector's ledger. */
export interface Snapshot {
  readonly at: number;
  readonly orders: ReadonlyMap<number, LedgerOrder>;
  readonly refunds: readonly LedgerRefund[];
  readonly sandbox: SandboxState;
}
