import { evaluate } from './demo-expectations';
import type { PlannedOrder } from './demo-plan';
import type { DemoRecord, LedgerOrder, PlacedOrder, Snapshot } from './demo-records';
import type { SandboxDocument, SandboxState } from './sandbox-control';

const planned = (key: string, sku: string, quantity = 1): PlannedOrder => ({
  key,
  shopper: 'returning',
  request: { customerEmail: 'ada@example.com', lines: [{ sku, quantity }] },
});
const placed = (id: number, role: PlacedOrder['role'], sku: string, total = '10.83'): PlacedOrder => ({
  plan: planned(`o${id}`, sku),
  role,
  id,
  placedAt: 0,
  totalIncTax: total,
});
const ledger = (orderId: number, state: string, posted = state === 'POSTED'): LedgerOrder => ({
  orderId,
  state,
  documentType: 'salesInvoice',
  documentNumber: posted ? `PS-INV${orderId}` : null,
  posted,
  lastError: state === 'NEEDS_MAPPING' ? 'NEEDS_MAPPING: X (not-found)' : null,
});
const invoice = (id: number, total: number): SandboxDocument => ({
  number: `PS-INV${id}`,
  status: 'Open',
  externalDocumentNumber: `BC-${id}`,
  totalAmountIncludingTax: total,
});

function record(orders: PlacedOrder[]): DemoRecord {
  return {
    connectionId: 'sandbox',
    documentPrefix: 'BC-',
    startedAt: 0,
    skus: ['A', 'B'],
    bcCustomersBefore: 1,
    orders,
    refused: [],
    refunds: [],
    changes: [],
  };
}

function snapshot(rows: LedgerOrder[], invoices: SandboxDocument[], store: { stock: Record<string, number> }): Snapshot {
  const sandbox = {
    bigcommerce: { orders: [], refunds: [], stock: store.stock, prices: { A: '10.00', B: '5.00' }, hooks: [] },
    'business-central': {
      items: [
        { number: 'A', unitPrice: 10, inventory: 20, blocked: false },
        { number: 'B', unitPrice: 5, inventory: 8, blocked: false },
      ],
      customers: [],
      documents: { salesInvoices: invoices, salesCreditMemos: [] },
      subscriptions: [],
    },
  } satisfies SandboxState;
  return { at: 1, orders: new Map(rows.map((r) => [r.orderId, r])), refunds: [], sandbox };
}

describe('evaluate', () => {
  it('is complete when every order is posted once with the store total and the catalog is in step', () => {
    const rec = record([placed(1, 'normal', 'A'), placed(2, 'cancelled', 'B')]);
    const snap = snapshot([ledger(1, 'POSTED'), ledger(2, 'CANCELLED')], [invoice(1, 10.83)], { stock: { A: 20, B: 8 } });
    const e = evaluate(rec, snap);
    expect(e.attention).toEqual([]);
    expect(e.orders).toEqual({ done: 2, total: 2 });
    expect(e.catalog).toEqual({ done: 2, total: 2 });
    expect(e.complete).toBe(true);
  });

  it('counts the store stock of an order not yet posted as committed', () => {
    const rec = record([placed(1, 'normal', 'A')]);
    const snap = snapshot([ledger(1, 'DOCUMENT_CREATED')], [], { stock: { A: 19, B: 8 } });
    const e = evaluate(rec, snap);
    expect(e.catalog).toEqual({ done: 2, total: 2 });
    expect(e.complete).toBe(false);
    expect(e.attention).toEqual([
      { record: 'order 1 (o1)', state: 'DOCUMENT_CREATED', detail: 'not posted yet', fix: 'ml-connector resync order sandbox 1' },
    ]);
  });

  it('names the command that fixes an order waiting for a mapping', () => {
    const e = evaluate(record([placed(3, 'unmapped', 'A')]), snapshot([ledger(3, 'NEEDS_MAPPING')], [], { stock: { A: 19, B: 8 } }));
    expect(e.attention[0]).toMatchObject({
      state: 'NEEDS_MAPPING',
      fix: 'ml-connector mappings sku set sandbox <SKU> <BC item number> && ml-connector resync order sandbox 3',
    });
  });

  it('flags a duplicate document, a total beyond the tolerance and a BC document for a cancelled order', () => {
    const rec = record([placed(1, 'normal', 'A'), placed(2, 'normal', 'A', '20.00'), placed(4, 'cancelled', 'B')]);
    const docs = [invoice(1, 10.83), invoice(1, 10.83), invoice(2, 20.02), invoice(4, 5)];
    const snap = snapshot([ledger(1, 'POSTED'), ledger(2, 'POSTED'), ledger(4, 'SKIPPED')], docs, { stock: { A: 20, B: 8 } });
    const states = evaluate(rec, snap).attention.map((a) => a.state);
    expect(states).toEqual(['DUPLICATE', 'TOTAL_MISMATCH', 'SKIPPED']);
  });

  it('accepts a total within one cent and reports SKUs whose price or stock differ from BC', () => {
    const rec = record([placed(1, 'normal', 'A', '10.82')]);
    const snap = snapshot([ledger(1, 'POSTED')], [invoice(1, 10.83)], { stock: { A: 20, B: 7 } });
    const e = evaluate(rec, snap);
    expect(e.orders.done).toBe(1);
    expect(e.catalog).toEqual({ done: 1, total: 2 });
    expect(e.attention).toEqual([
      expect.objectContaining({ state: 'CATALOG', detail: 'B (store 5.00/7, BC 5/8)', fix: 'ml-connector backfill catalog --connection sandbox' }),
    ]);
  });
});
