import { renderTrace, type OrderTrace } from './trace-render';

const trace: OrderTrace = {
  connectionId: 'acme',
  orderId: 120,
  eventsSince: '2026-11-28T09:00:00.000Z',
  order: {
    state: 'POSTED',
    documentType: 'salesInvoice',
    documentId: 'd0c',
    documentNumber: 'PSI-1042',
    posted: true,
    customerNumber: 'C00010',
    lastError: null,
    attempts: 2,
    receivedAt: new Date('2026-11-28T10:00:00Z'),
    updatedAt: new Date('2026-11-28T10:05:00Z'),
  },
  refunds: [],
  snapshots: [{ fetchedAt: new Date('2026-11-28T10:00:01Z'), hash: 'abcdef0123456789', status: 'Awaiting Fulfillment', totalIncTax: '108.2500', currency: 'USD' }],
  attempts: [
    { startedAt: new Date('2026-11-28T10:00:01Z'), signalKind: 'order', source: 'webhook', topic: 'bigcommerce.order-signal.v1', partition: 2, offset: '41', decision: 'create', outcome: 'failed', bcRequests: { 'POST salesInvoices': 1 }, transitions: [{ from: 'RECEIVED', to: 'FAILED' }], error: 'BAD_REQUEST: injected' },
    { startedAt: new Date('2026-11-28T10:05:00Z'), signalKind: 'order', source: 'resync', topic: 'bigcommerce.order-signal.v1', partition: 2, offset: '57', decision: 'create', outcome: 'ok', bcRequests: {}, transitions: [], error: null },
  ],
  stateEvents: [{ sequence: 1, state: 'FAILED', reason: 'BAD_REQUEST: injected', createdAt: new Date('2026-11-28T10:00:02Z'), publishedAt: new Date('2026-11-28T10:00:02Z') }],
  events: [
    { topic: 'bigcommerce.order-signal.v1', partition: 2, offset: '41', time: '2026-11-28T10:00:00.500Z', key: 'acme:120', value: { kind: 'order', source: 'webhook', scope: 'store/order/created' } },
    { topic: 'bigcommerce.order-signal.v1.dlq', partition: 0, offset: '7', time: '2026-11-28T10:00:02.000Z', key: 'acme:120', value: null, deadLetter: { code: 'BAD_REQUEST', reason: 'injected' } },
    { topic: 'sync.order-state.v1', partition: 4, offset: '9', time: '2026-11-28T10:05:01.000Z', key: 'acme:120', value: { previousState: 'FAILED', state: 'POSTED', bcDocumentNumber: 'PSI-1042' } },
  ],
  settings: { version: 4, current: 5, orders: {} },
};

describe('renderTrace', () => {
  it('puts the verdict first, then the document, error, settings version and each timeline', () => {
    const text = renderTrace(trace);
    expect(text.split('\n').slice(0, 7)).toEqual([
      'order 120 on acme: POSTED',
      '  document     salesInvoice PSI-1042 (posted)  id d0c',
      '  customer     C00010',
      '  last error   -',
      '  attempts     2, first seen 2026-11-28T10:00:00.000Z, last change 2026-11-28T10:05:00.000Z',
      '  settings     version 4 decided it (current is 5; "mappings settings show acme --version 4")',
      '',
    ]);
    expect(text).toContain('EVENTS (Kafka since 2026-11-28T09:00:00.000Z)');
    expect(text).toMatch(/bigcommerce\.order-signal\.v1 +2 +41 +order from webhook \(store\/order\/created\)/);
    expect(text).toMatch(/bigcommerce\.order-signal\.v1\.dlq +0 +7 +dead letter BAD_REQUEST: injected/);
    expect(text).toMatch(/sync\.order-state\.v1 +4 +9 +FAILED -> POSTED PSI-1042/);
    expect(text).toMatch(/order\/webhook +bigcommerce\.order-signal\.v1\[2\]@41 +create +failed +POST salesInvoices 1 +RECEIVED>FAILED +BAD_REQUEST: injected/);
    expect(text).toMatch(/abcdef012345 +Awaiting Fulfillment +108\.2500 +USD/);
  });

  it('says when bc-writer never handled the order and Kafka was not read', () => {
    const text = renderTrace({ ...trace, order: null, settings: null, eventsSince: null, attempts: [], snapshots: [], stateEvents: [], events: [] });
    expect(text).toContain('order 120 on acme: no ledger row (bc-writer never handled it)');
    expect(text).toContain('EVENTS (Kafka not read)\n(none)');
  });
});
