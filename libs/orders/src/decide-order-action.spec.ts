import { Decimal } from '@mlc/platform-money';
import { runOrderScenario, settingsWith } from './__fixtures__/order-scenarios';
import { decideOrderAction, type OrderLedgerEntry } from './decide-order-action';
import { contentHash, snapshotHash } from './ledger/content-hash';
import { summarizeOrder } from './ledger/order-summary';
import type { StoreOrder } from './model/store-order';

const settings = settingsWith();
const order = runOrderScenario('order.returning-shopper').order;
const entry = (state: OrderLedgerEntry['state'], extra: Partial<OrderLedgerEntry> = {}): OrderLedgerEntry => ({
  state,
  contentHash: contentHash(order),
  summary: summarizeOrder(order),
  ...extra,
});
const draft = { type: 'salesInvoice' as const, id: 'd0000000-0000-4000-8000-000000001002', posted: false };
const posted = { ...draft, number: 'PSI-1002', posted: true };
const edited: StoreOrder = {
  ...order,
  lines: order.lines.map((l) => (l.id === 201 ? { ...l, quantity: 3, totalExTax: Decimal.parse('72') } : l)),
  totals: { ...order.totals, totalIncTax: Decimal.parse('153.13') },
};

describe('contentHash', () => {
  it('is stable across key order and number formatting, and ignores status and fulfilment progress', () => {
    const reordered = Object.fromEntries(Object.entries(order).reverse()) as unknown as StoreOrder;
    expect(contentHash(reordered)).toBe(contentHash(order));
    const shipped = {
      ...order,
      statusId: 2,
      status: 'Shipped',
      dateModified: '2024-03-09T10:00:00.000Z',
      lines: order.lines.map((l) => ({ ...l, quantityRefunded: 1 })),
    };
    expect(contentHash(shipped)).toBe(contentHash(order));
    expect(contentHash(edited)).not.toBe(contentHash(order));
    expect(contentHash(order)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps a separate hash of the raw snapshot as audit evidence, blind to key order but not to status', () => {
    const raw = { id: 1002, status_id: 11, total_inc_tax: '127.1500' };
    expect(snapshotHash({ total_inc_tax: '127.1500', status_id: 11, id: 1002 })).toBe(snapshotHash(raw));
    expect(snapshotHash({ ...raw, status_id: 2 })).not.toBe(snapshotHash(raw));
  });
});

describe('decideOrderAction', () => {
  it('creates a new syncable order and skips one that is not', () => {
    expect(decideOrderAction(undefined, order, settings)).toMatchObject({ kind: 'create' });
    expect(decideOrderAction(undefined, { ...order, statusId: 7, status: 'Awaiting Payment' }, settings)).toEqual({
      kind: 'skip',
      reason: 'status 7 (Awaiting Payment) is not syncable',
    });
  });

  it('does nothing for the same content, and resumes an interrupted run', () => {
    expect(decideOrderAction(entry('POSTED', { document: posted }), order, settings)).toMatchObject({ kind: 'noop' });
    expect(
      decideOrderAction(entry('POSTED', { document: posted }), { ...order, statusId: 2, status: 'Shipped' }, settings),
    ).toMatchObject({ kind: 'noop' });
    expect(decideOrderAction(entry('CUSTOMER_RESOLVED'), order, settings)).toMatchObject({
      kind: 'resume',
      from: 'CUSTOMER_RESOLVED',
    });
    expect(decideOrderAction(entry('DOCUMENT_CREATED', { document: draft }), order, settings)).toMatchObject({
      kind: 'resume',
      from: 'DOCUMENT_CREATED',
    });
    expect(
      decideOrderAction(
        entry('DOCUMENT_CREATED', { document: draft }),
        order,
        settingsWith({ documentType: 'salesOrder' }),
      ),
    ).toMatchObject({ kind: 'noop' });
  });

  it('waits in NEEDS_MAPPING until a manual resync', () => {
    expect(decideOrderAction(entry('NEEDS_MAPPING'), order, settings)).toMatchObject({ kind: 'noop' });
    expect(decideOrderAction(entry('NEEDS_MAPPING'), order, settings, { force: true })).toMatchObject({
      kind: 'create',
    });
    expect(decideOrderAction(entry('PARKED', { document: draft }), order, settings, { force: true })).toMatchObject({
      kind: 'delete-draft-and-recreate',
      documentId: draft.id,
    });
  });

  it('rebuilds a draft from an edited order', () => {
    expect(decideOrderAction(entry('DOCUMENT_CREATED', { document: draft }), edited, settings)).toMatchObject({
      kind: 'delete-draft-and-recreate',
      documentId: draft.id,
    });
    expect(decideOrderAction(entry('NEEDS_MAPPING'), edited, settings)).toMatchObject({ kind: 'create' });
  });

  it('raises a conflict with a diff when a posted order is edited', () => {
    expect(decideOrderAction(entry('POSTED', { document: posted }), edited, settings)).toEqual({
      kind: 'conflict',
      reason: 'the order changed after its BC document was posted',
      diff: ['total_inc_tax 127.15 -> 153.13', 'line 201 (SKU BEANIE-MER-GRY) quantity 2 -> 3'],
    });
  });

  it('cancels: deletes a draft, conflicts on a posted document', () => {
    const cancelled = { ...order, statusId: 5, status: 'Cancelled' };
    expect(decideOrderAction(entry('DOCUMENT_CREATED', { document: draft }), cancelled, settings)).toEqual({
      kind: 'cancel',
      deleteDraftId: draft.id,
      reason: 'status 5 (Cancelled): delete the draft',
    });
    expect(decideOrderAction(entry('NEEDS_MAPPING'), { ...order, isDeleted: true }, settings)).toMatchObject({
      kind: 'cancel',
      deleteDraftId: null,
    });
    expect(decideOrderAction(entry('POSTED', { document: posted }), cancelled, settings)).toMatchObject({
      kind: 'conflict',
      diff: ['order 1002 is status 5 (Cancelled)'],
    });
  });

  it('keeps a synced document when the order moves to a status that is not syncable, and never revives a cancelled entry', () => {
    expect(
      decideOrderAction(
        entry('POSTED', { document: posted }),
        { ...order, statusId: 13, status: 'Disputed' },
        settings,
      ),
    ).toMatchObject({ kind: 'noop' });
    expect(decideOrderAction(entry('CANCELLED'), order, settings)).toMatchObject({ kind: 'skip' });
  });
});
