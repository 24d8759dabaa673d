import { TopicValue, businesscentralItemChangedV1, syncCatalogOutcomeV1, syncOrderStateV1 } from '@mlc/contracts';
import { addSignal, emptyCoalescer, takeDue } from './coalescer';
import { applyOrderState, committedFor, emptyCommittedStock } from './committed-stock';
import { catalogOutcomeOf } from './plan-outcome';

/** The domain types accept the topic values as they come off Kafka, and produce valid outcome values. */
describe('fit with the topic contracts', () => {
  it('folds a sync.order-state.v1 value', () => {
    const value: TopicValue<typeof syncOrderStateV1> = syncOrderStateV1.schema.parse({
      connectionId: 'acme',
      orderId: 102,
      state: 'NEEDS_MAPPING',
      documentType: 'salesInvoice',
      lines: [{ sku: 'UNKNOWN-1', quantity: '1' }],
      reason: 'unmapped SKUs: UNKNOWN-1',
      sequence: 1,
      settingsVersion: 1,
      occurredAt: '2026-11-28T08:00:01.000Z',
    });
    const state = applyOrderState(emptyCommittedStock('acme'), value);
    expect(committedFor(state, 'UNKNOWN-1').toString()).toBe('1');
  });

  it('coalesces businesscentral.item-changed.v1 values', () => {
    const value: TopicValue<typeof businesscentralItemChangedV1> = businesscentralItemChangedV1.schema.parse({
      connectionId: 'acme',
      itemId: '5d115c9c-44e3-ea11-bb43-000d3a2feca1',
      changeType: 'stock',
      source: 'scan',
      occurredAt: '2026-11-28T08:00:00.000Z',
    });
    const state = addSignal(emptyCoalescer<typeof value>(), value, 0);
    expect(takeDue(state, 2000, { windowMs: 2000 }).due).toEqual([{ connectionId: 'acme', signals: [value] }]);
  });

  it('produces valid sync.catalog-outcome.v1 values', () => {
    const outcome = catalogOutcomeOf({
      sku: 'SKU-1',
      bcItemId: 'i',
      price: { status: 'changed', to: '24.99' },
      stock: {
        status: 'changed',
        mode: 'relative',
        delta: 3,
        target: 11,
        nextBasis: { inventory: '11', observedAt: 0 },
      },
      drift: { sku: 'SKU-1', storeLevel: 7, expected: 8, drift: -1, alarm: false, corrected: false },
    });
    const value = { connectionId: 'acme', sku: 'SKU-1', occurredAt: '2026-11-28T08:00:01.000Z', ...outcome };
    expect(syncCatalogOutcomeV1.schema.safeParse(value).success).toBe(true);
    expect(value).toMatchObject({ outcome: 'changed', price: '24.99', level: 11, drift: -1 });
  });
});
