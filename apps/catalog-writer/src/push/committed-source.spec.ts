import { indexCommitted, SkuMapEntry } from '@mlc/catalog';
import { fakeRuntime } from '../testing/fake-runtime';
import type { CommittedOrderInfo, CommittedReader } from '../persistence/committed.repository';
import { MemoryCommitted } from '../testing/memory-committed';
import { CommittedSource } from './committed-source';

const T0 = Date.parse('2026-11-28T08:00:00.000Z');
const A: SkuMapEntry = { sku: 'A', storeProductId: 1, kind: 'product', inventoryTracking: 'product', bcItemId: 'item-a' };

function readerWith(memory: MemoryCommitted, documentId: string): CommittedReader {
  return {
    load: () => memory.load(),
    apply: async (event) => {
      memory.apply(event);
    },
    openOrders: async (): Promise<CommittedOrderInfo[]> =>
      Object.entries(memory.state.orders).map(([id, steps]) => ({
        orderId: Number(id),
        documentType: 'salesOrder',
        bcDocumentId: documentId,
        steps,
      })),
  };
}

describe('CommittedSource in sales-order mode', () => {
  const ordered = () => new MemoryCommitted().apply({
    orderId: 7,
    state: 'DOCUMENT_CREATED',
    documentType: 'salesOrder',
    lines: [{ sku: 'A', quantity: '5' }],
    sequence: 1,
    occurredAt: new Date(T0).toISOString(),
  });

  it('releases what BC shipped, from the time BC recorded the shipment', async () => {
    const rt = fakeRuntime({ documentType: 'salesOrder' });
    rt.bc.salesOrders.set('so-1', {
      id: 'so-1',
      lastModifiedAt: T0 + 60_000,
      lines: [{ itemId: 'ITEM-A', quantity: '5', shippedQuantity: '3' }],
    });
    const source = new CommittedSource(readerWith(ordered(), 'so-1'), 60_000, () => T0 + 120_000);
    const index = indexCommitted(await source.load(rt, [A]));
    expect(index.committedFor('A').toString()).toBe('2');
    expect(index.committedFor('A', T0 + 30_000).toString()).toBe('5');
    expect(index.committedFor('A', T0 + 90_000).toString()).toBe('2');
  });

  it('counts an order BC no longer has as shipped and invoiced', async () => {
    const rt = fakeRuntime({ documentType: 'salesOrder' });
    const memory = ordered();
    const source = new CommittedSource(readerWith(memory, 'gone'), 60_000, () => T0 + 120_000);
    const index = indexCommitted(await source.load(rt, [A]));
    expect(index.committedFor('A').toString()).toBe('0');
    expect(index.committedFor('A', T0 + 119_000).toString()).toBe('5');
    expect(Object.values(memory.state.orders)[0]?.at(-1)?.sequence).toBe(1.5);
  });

  it('reads nothing from BC in posted-invoice mode', async () => {
    const rt = fakeRuntime();
    const source = new CommittedSource(readerWith(ordered(), 'so-1'));
    const index = indexCommitted(await source.load(rt, [A]));
    expect(index.committedFor('A').toString()).toBe('5');
  });
});
