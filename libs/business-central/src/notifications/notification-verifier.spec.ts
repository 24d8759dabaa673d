import { InvalidMessageError } from '@mlc/platform-errors';
import {
  clientStateMatches,
  partitionByClientState,
  readBcNotification,
  validationTokenOf,
} from './notification-verifier';
import { parseNotificationResource } from './notification-resource';

const COMPANY = '11111111-2222-3333-4444-555555555555';
const ITEM = '5d115c9c-44e3-ea11-bb43-000d3a2feca1';
const entry = (overrides: Record<string, unknown> = {}) => ({
  subscriptionId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  clientState: 'expected-state',
  expirationDateTime: '2025-01-04T00:00:00Z',
  resource: `api/v2.0/companies(${COMPANY})/items(${ITEM})`,
  changeType: 'updated',
  lastModifiedDateTime: '2025-01-01T10:00:00Z',
  ...overrides,
});

describe('readBcNotification', () => {
  it('accepts BC notification bodies', () => {
    const batch = readBcNotification({ value: [entry(), entry({ changeType: 'collection' })] });
    expect(batch.entries).toHaveLength(2);
    expect(batch.invalid).toEqual([]);
  });

  it('keeps valid entries and names the field of invalid ones', () => {
    const batch = readBcNotification({
      value: [entry(), entry({ changeType: 'renamed' }), { ...entry(), resource: undefined }],
    });
    expect(batch.entries).toHaveLength(1);
    expect(batch.invalid).toEqual([
      { index: 1, field: 'changeType' },
      { index: 2, field: 'resource' },
    ]);
  });

  it('refuses a body without a value array', () => {
    expect(() => readBcNotification({ values: [] })).toThrow(InvalidMessageError);
    expect(() => readBcNotification('x')).toThrow(InvalidMessageError);
  });
});

describe('validation handshake', () => {
  it('finds validationToken in a URL, URLSearchParams or a parsed query', () => {
    expect(validationTokenOf('/bc/notifications/c1?validationToken=abc%2B1')).toBe('abc+1');
    expect(validationTokenOf('https://x.example/n?validationToken=t')).toBe('t');
    expect(validationTokenOf(new URLSearchParams('validationToken=t2'))).toBe('t2');
    expect(validationTokenOf({ validationToken: ['t3', 't4'] })).toBe('t3');
  });

  it('is absent for ordinary notifications and for empty or oversized tokens', () => {
    expect(validationTokenOf('/bc/notifications/c1')).toBeUndefined();
    expect(validationTokenOf({ validationToken: '' })).toBeUndefined();
    expect(validationTokenOf({ validationToken: 'x'.repeat(5000) })).toBeUndefined();
  });
});

describe('clientState', () => {
  it('matches only the exact expected value', () => {
    expect(clientStateMatches('expected-state', 'expected-state')).toBe(true);
    expect(clientStateMatches('expected-statE', 'expected-state')).toBe(false);
    expect(clientStateMatches('expected-state-longer', 'expected-state')).toBe(false);
    expect(clientStateMatches(undefined, 'expected-state')).toBe(false);
    expect(clientStateMatches('', '')).toBe(false);
  });

  it('partitions entries into accepted and rejected', () => {
    const { entries } = readBcNotification({
      value: [entry(), entry({ clientState: 'forged' }), entry({ clientState: undefined })],
    });
    const { accepted, rejected } = partitionByClientState(entries, 'expected-state');
    expect(accepted).toHaveLength(1);
    expect(rejected).toHaveLength(2);
  });
});

describe('parseNotificationResource', () => {
  it('reads company, set and record id from relative and absolute resources', () => {
    expect(parseNotificationResource(`/api/v2.0/companies(${COMPANY.toUpperCase()})/items(${ITEM})`)).toEqual({
      companyId: COMPANY,
      entitySet: 'items',
      id: ITEM,
    });
    expect(
      parseNotificationResource(
        `https://api.businesscentral.dynamics.com/v2.0/t/production/api/v2.0/companies(${COMPANY})/customers(${ITEM})`,
      ),
    ).toMatchObject({ entitySet: 'customers', id: ITEM });
  });

  it('reads the lower bound of a collection notification', () => {
    const resource = `api/v2.0/companies(${COMPANY})/items?$filter=lastModifiedDateTime%20gt%202025-01-01T09:59:59.950Z`;
    expect(parseNotificationResource(resource)).toEqual({
      companyId: COMPANY,
      entitySet: 'items',
      modifiedAfter: '2025-01-01T09:59:59.950Z',
    });
    expect(parseNotificationResource(`api/v2.0/companies(${COMPANY})/items`)).toEqual({
      companyId: COMPANY,
      entitySet: 'items',
    });
  });

  it('is undefined for anything that is not a company entity set', () => {
    expect(parseNotificationResource('api/v2.0/subscriptions')).toBeUndefined();
    expect(parseNotificationResource("companies('x')/items")).toBeUndefined();
  });
});
