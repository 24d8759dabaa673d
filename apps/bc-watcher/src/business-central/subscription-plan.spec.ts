import type { BcSubscription } from '@mlc/business-central';
import { planSubscription, sameResource } from './subscription-plan';

const HOUR = 3600_000;
const NOW = Date.parse('2026-03-01T00:00:00Z');
const URL_A = 'https://connector.example.com/webhooks/business-central/shop-1';
const RESOURCE = '/api/v2.0/companies(5a3a1c2e-7b1d-4c1f-9f0e-2d4c6b8a0c01)/items';
const desired = { resource: RESOURCE, notificationUrl: URL_A, clientState: 'state-1' };

function sub(overrides: Partial<BcSubscription> = {}): BcSubscription {
  return {
    subscriptionId: 'a'.repeat(32),
    notificationUrl: URL_A,
    resource: RESOURCE,
    clientState: 'state-1',
    expirationDateTime: new Date(NOW + 72 * HOUR).toISOString(),
    etag: 'W/"1"',
    ...overrides,
  } as BcSubscription;
}

const recorded = (s: BcSubscription) => ({
  subscriptionId: s.subscriptionId,
  notificationUrl: s.notificationUrl,
  expiresAt: new Date(s.expirationDateTime),
  etag: s.etag,
});

describe('planSubscription', () => {
  it('creates a missing subscription, and calls it a recreation when one was recorded', () => {
    expect(planSubscription(desired, [], undefined, NOW, 36 * HOUR).action).toEqual({ kind: 'create', recreated: false });
    expect(planSubscription(desired, [], recorded(sub()), NOW, 36 * HOUR).action).toEqual({ kind: 'create', recreated: true });
  });

  it('keeps a fresh subscription and renews one with less than renewBefore left', () => {
    expect(planSubscription(desired, [sub()], undefined, NOW, 36 * HOUR).action.kind).toBe('keep');
    const ageing = sub({ expirationDateTime: new Date(NOW + 30 * HOUR).toISOString() });
    expect(planSubscription(desired, [ageing], undefined, NOW, 36 * HOUR).action).toEqual({
      kind: 'renew',
      subscription: ageing,
      changes: {},
    });
  });

  it('renews at once with the new clientState after a key rotation', () => {
    const plan = planSubscription({ ...desired, clientState: 'state-2' }, [sub()], undefined, NOW, 36 * HOUR);
    expect(plan.action).toMatchObject({ kind: 'renew', changes: { clientState: 'state-2' } });
  });

  it('moves the recorded subscription to a new public URL instead of creating another', () => {
    const old = sub({ notificationUrl: 'https://old.example.com/webhooks/business-central/shop-1' });
    const plan = planSubscription(desired, [old], recorded(old), NOW, 36 * HOUR);
    expect(plan.action).toMatchObject({ kind: 'renew', subscription: old, changes: { notificationUrl: URL_A } });
  });

  it('ignores other resources and other receivers, and deletes duplicates of ours', () => {
    const others = [
      sub({ subscriptionId: 'b'.repeat(32), resource: RESOURCE.replace('items', 'customers') }),
      sub({ subscriptionId: 'c'.repeat(32), notificationUrl: 'https://someone-else.example.com/hook' }),
    ];
    expect(planSubscription(desired, others, undefined, NOW, 36 * HOUR).action.kind).toBe('create');
    const older = sub({ subscriptionId: 'd'.repeat(32), expirationDateTime: new Date(NOW + 50 * HOUR).toISOString() });
    const newer = sub({ subscriptionId: 'e'.repeat(32) });
    const plan = planSubscription(desired, [older, newer], undefined, NOW, 36 * HOUR);
    expect(plan.action).toMatchObject({ kind: 'keep', subscription: newer });
    expect(plan.duplicates).toEqual([older]);
  });

  it('matches resources written relative or absolute, in any case', () => {
    expect(sameResource(RESOURCE, 'companies(5A3A1C2E-7B1D-4C1F-9F0E-2D4C6B8A0C01)/items/')).toBe(true);
    expect(sameResource(RESOURCE, RESOURCE.replace('items', 'customers'))).toBe(false);
  });
});
