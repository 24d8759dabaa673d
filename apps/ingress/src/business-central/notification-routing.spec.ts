import { InvalidMessageError } from '@mlc/platform-errors';
import { routeNotification } from './notification-routing';

const COMPANY = '11111111-2222-3333-4444-555555555555';
const OTHER_COMPANY = '99999999-2222-3333-4444-555555555555';
const ITEM = '5d115c9c-44e3-ea11-bb43-000d3a2feca1';
const CUSTOMER = '6e226d0d-55f4-ea11-bb43-000d3a2feca2';
const STATE = 'client-state-of-acme';
const RECEIVED = new Date('2025-03-01T12:00:00.000Z');
const ctx = { connectionId: 'acme', companyId: COMPANY.toUpperCase(), clientState: STATE, receivedAt: RECEIVED };

const entry = (resource: string, overrides: Record<string, unknown> = {}) => ({
  subscriptionId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  clientState: STATE,
  expirationDateTime: '2025-03-04T00:00:00Z',
  resource,
  changeType: 'updated',
  lastModifiedDateTime: '2025-03-01T11:59:30Z',
  ...overrides,
});
const items = (id = ITEM, company = COMPANY) => `api/v2.0/companies(${company})/items(${id})`;
const customers = (id = CUSTOMER) => `/api/v2.0/companies(${COMPANY})/customers(${id})`;

function topicsAndKeys(body: unknown) {
  return routeNotification(body, ctx).records.map(({ contract, value }) => [
    contract.name,
    contract.key(contract.schema.parse(value)),
  ]);
}

describe('routeNotification', () => {
  it('signals changed items and customers keyed by record id', () => {
    const result = routeNotification({ value: [entry(items()), entry(customers(), { changeType: 'created' })] }, ctx);
    expect(result.accepted).toBe(2);
    expect(result.dropped.size).toBe(0);
    expect(result.records.map((r) => r.value)).toEqual([
      {
        connectionId: 'acme',
        itemId: ITEM,
        changeType: 'updated',
        source: 'notification',
        occurredAt: '2025-03-01T11:59:30.000Z',
      },
      {
        connectionId: 'acme',
        customerId: CUSTOMER,
        changeType: 'created',
        source: 'notification',
        occurredAt: '2025-03-01T11:59:30.000Z',
      },
    ]);
    expect(topicsAndKeys({ value: [entry(items()), entry(customers())] })).toEqual([
      ['businesscentral.item-changed.v1', `acme:${ITEM}`],
      ['businesscentral.customer-changed.v1', `acme:${CUSTOMER}`],
    ]);
  });

  it('drops and counts entries whose clientState does not verify', () => {
    const result = routeNotification(
      {
        value: [
          entry(items()),
          entry(items(CUSTOMER), { clientState: 'forged' }),
          entry(items(), { clientState: undefined }),
        ],
      },
      ctx,
    );
    expect(result.records).toHaveLength(1);
    expect(result.dropped).toEqual(new Map([['bad-client-state', 2]]));
  });

  it('asks for a rescan of the set on a collection entry, once per set', () => {
    const collection = `api/v2.0/companies(${COMPANY})/items?$filter=lastModifiedDateTime%20gt%202025-03-01T11:00:00.000Z`;
    const result = routeNotification(
      { value: [entry(collection, { changeType: 'collection' }), entry(collection, { changeType: 'collection' })] },
      ctx,
    );
    expect(result.records.map((r) => [r.contract.name, r.value])).toEqual([
      [
        'businesscentral.rescan-requested.v1',
        {
          connectionId: 'acme',
          resource: 'items',
          reason: 'collection-notification',
          occurredAt: '2025-03-01T12:00:00.000Z',
        },
      ],
    ]);
    expect(result.accepted).toBe(2);
  });

  it('coalesces repeated changes of one record in one body, keeping distinct change types', () => {
    const result = routeNotification(
      { value: [entry(items()), entry(items()), entry(items(), { changeType: 'deleted' })] },
      ctx,
    );
    expect(result.records.map((r) => (r.value as { changeType: string }).changeType)).toEqual(['updated', 'deleted']);
  });

  it('drops entries about another company, other sets, unreadable resources and bad shapes', () => {
    const result = routeNotification(
      {
        value: [
          entry(items(ITEM, OTHER_COMPANY)),
          entry(`api/v2.0/companies(${COMPANY})/salesInvoices(${ITEM})`),
          entry('api/v2.0/subscriptions'),
          entry(`api/v2.0/companies(${COMPANY})/items`),
          entry(items(), { changeType: 'renamed' }),
          'not an entry',
        ],
      },
      ctx,
    );
    expect(result.records).toEqual([]);
    expect(Object.fromEntries(result.dropped)).toEqual({
      'malformed-entry': 2,
      'wrong-company': 1,
      'unhandled-resource': 1,
      'unknown-resource': 2,
    });
  });

  it('falls back to the receive time when BC sends an unreadable lastModifiedDateTime', () => {
    const [record] = routeNotification({ value: [entry(items(), { lastModifiedDateTime: 'soon' })] }, ctx).records;
    expect((record?.value as { occurredAt: string }).occurredAt).toBe('2025-03-01T12:00:00.000Z');
  });

  it('refuses a body without a value array', () => {
    expect(() => routeNotification({ values: [] }, ctx)).toThrow(InvalidMessageError);
    expect(() => routeNotification(null, ctx)).toThrow(InvalidMessageError);
  });
});
