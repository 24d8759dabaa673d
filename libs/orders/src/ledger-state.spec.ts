import { ORDER_LEDGER_EVENTS, ORDER_LEDGER_STATES, allowedEvents, isTerminal, transition } from './ledger-state';

describe('order ledger state machine', () => {
  it('walks the happy path RECEIVED -> CUSTOMER_RESOLVED -> DOCUMENT_CREATED -> POSTED', () => {
    expect(transition('RECEIVED', 'CUSTOMER_RESOLVED')).toEqual({ ok: true, to: 'CUSTOMER_RESOLVED' });
    expect(transition('CUSTOMER_RESOLVED', 'DOCUMENT_CREATED')).toEqual({ ok: true, to: 'DOCUMENT_CREATED' });
    expect(transition('DOCUMENT_CREATED', 'POSTED')).toEqual({ ok: true, to: 'POSTED' });
  });

  it('refuses steps that would skip or repeat a write', () => {
    expect(transition('RECEIVED', 'DOCUMENT_CREATED')).toEqual({
      ok: false,
      error: 'DOCUMENT_CREATED is not allowed from RECEIVED',
    });
    expect(transition('POSTED', 'DOCUMENT_CREATED').ok).toBe(false);
    expect(transition('POSTED', 'CANCEL').ok).toBe(false);
  });

  it('parks, fails and resyncs', () => {
    expect(transition('CUSTOMER_RESOLVED', 'ITEMS_UNRESOLVED')).toEqual({ ok: true, to: 'NEEDS_MAPPING' });
    expect(transition('NEEDS_MAPPING', 'RESYNC')).toEqual({ ok: true, to: 'RECEIVED' });
    expect(transition('DOCUMENT_CREATED', 'PARK')).toEqual({ ok: true, to: 'PARKED' });
    expect(transition('PARKED', 'POSTED')).toEqual({ ok: true, to: 'POSTED' });
    expect(transition('DOCUMENT_CREATED', 'DRAFT_DELETED')).toEqual({ ok: true, to: 'RECEIVED' });
  });

  it('raises and resolves conflicts only for posted documents', () => {
    expect(transition('POSTED', 'CONFLICT_DETECTED')).toEqual({ ok: true, to: 'CONFLICT' });
    expect(transition('CONFLICT', 'CONFLICT_RESOLVED')).toEqual({ ok: true, to: 'POSTED' });
    expect(transition('DOCUMENT_CREATED', 'CONFLICT_DETECTED').ok).toBe(false);
  });

  it('has CANCELLED as its only terminal state, and every other state has a way out', () => {
    expect(ORDER_LEDGER_STATES.filter(isTerminal)).toEqual(['CANCELLED']);
    expect(allowedEvents('POSTED')).toEqual(['CONFLICT_DETECTED']);
  });

  it('reaches every state from RECEIVED', () => {
    const seen = new Set<string>(['RECEIVED']);
    let frontier = ['RECEIVED'] as (typeof ORDER_LEDGER_STATES)[number][];
    while (frontier.length > 0) {
      frontier = frontier.flatMap((s) =>
        ORDER_LEDGER_EVENTS.map((e) => transition(s, e)).flatMap((r) =>
          r.ok && !seen.has(r.to) ? (seen.add(r.to), [r.to]) : [],
        ),
      );
    }
    expect([...seen].sort()).toEqual([...ORDER_LEDGER_STATES].sort());
  });
});
