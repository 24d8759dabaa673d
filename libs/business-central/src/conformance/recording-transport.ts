import { BusinessCentral, createBusinessCentral } from '../create-business-central';
import { HttpRequest, HttpResponse } from '../http/http-transport.port';
import { FakeHttpTransport, jsonReply } from '../testing/fake-http-transport';
import { FakeTokenSource } from '../testing/fake-token-source';
import { ManualClock } from '../testing/manual-clock';
import { WIRE_CUSTOMER, WIRE_ITEM, wireInvoice } from '../testing/wire-fixtures';
import { BcCheckContext } from './bc-request-check';
import { parseBcUrl } from './odata-url';

/*
 * createBusinessCentral over the library's FakeHttpTransport: every request is recorded as the adapter built it
 * (URL, headers, body) and answered with a minimal valid record of the addressed set. Every first page of a
 * collection carries an @odata.nextLink, so the follow-up request of each list is recorded and judged too.
 */

export const TENANT_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const ENVIRONMENT = 'production';
export const COMPANY_ID = '11111111-2222-4333-8444-555555555555';
export const ETAG = 'W/"JzE5OzE3MjU1NzUwNjQ3MjkxMTQ0Mjg5MTswMDsn"';
const SUBSCRIPTION_ID = '0123456789abcdef0123456789abcdef';

const line = (extra: Record<string, unknown> = {}) => ({
  id: '7a7a7a7a-0000-4000-8000-000000000001',
  sequence: 10000,
  lineType: 'Item',
  quantity: 2,
  unitPrice: 25,
  ...extra,
});
const header = (overrides: Record<string, unknown>) => ({ ...wireInvoice(), ...overrides });

const RECORDS: Readonly<Record<string, () => Record<string, unknown>>> = {
  companies: () => ({ id: COMPANY_ID, name: 'CRONUS USA, Inc.', displayName: 'CRONUS USA, Inc.' }),
  customers: () => WIRE_CUSTOMER,
  items: () => WIRE_ITEM,
  salesInvoices: () => ({ ...wireInvoice(), salesInvoiceLines: [line()] }),
  salesOrders: () =>
    header({
      orderDate: '2025-01-02',
      status: 'Draft',
      salesOrderLines: [line({ shippedQuantity: 0, invoicedQuantity: 0 })],
    }),
  salesCreditMemos: () => header({ creditMemoDate: '2025-01-03', salesCreditMemoLines: [line()] }),
  currencies: () => ({ id: '3b3b3b3b-0000-4000-8000-000000000001', code: 'EUR', displayName: 'Euro' }),
  taxAreas: () => ({ id: '4c4c4c4c-0000-4000-8000-000000000001', code: 'ATLANTA, GA', displayName: 'Atlanta' }),
  taxGroups: () => ({ id: '5d5d5d5d-0000-4000-8000-000000000001', code: 'TAXABLE', displayName: 'Taxable' }),
  accounts: () => ({
    id: '6e6e6e6e-0000-4000-8000-000000000001',
    number: '40100',
    displayName: 'Sales',
    blocked: false,
  }),
  subscriptions: () => ({
    subscriptionId: SUBSCRIPTION_ID,
    notificationUrl: 'https://connector.example.com/bc/notifications',
    resource: `/api/v2.0/companies(${COMPANY_ID})/items`,
    clientState: 'state',
    expirationDateTime: '2025-01-04T00:00:00Z',
  }),
};

export interface RecordingBc {
  readonly bc: BusinessCentral;
  readonly transport: FakeHttpTransport;
}

export function recordingBusinessCentral(ctx: BcCheckContext, pageSize?: number): RecordingBc {
  const transport = new FakeHttpTransport((request) => answer(request, ctx));
  const bc = createBusinessCentral({
    connectionId: 'metadata-conformance',
    tenantId: TENANT_ID,
    environment: ENVIRONMENT,
    companyId: COMPANY_ID,
    clientId: 'conformance-client',
    clientSecret: 'unused',
    transport,
    tokens: new FakeTokenSource(),
    clock: new ManualClock(),
    retry: { attempts: 1 },
    pageSize,
  });
  return { bc, transport };
}

function answer(request: HttpRequest, ctx: BcCheckContext): HttpResponse {
  const { target, query } = parseBcUrl(request.method, request.url, ctx);
  const build = target && RECORDS[target.set.name];
  if (!target || !build) return jsonReply(404, { error: { code: 'BadRequest_NotFound', message: 'not found' } });
  if (target.action || request.method === 'DELETE') return { status: 204, headers: {}, body: '' };
  const record = { '@odata.etag': ETAG, ...build() };
  if (request.method === 'POST') return jsonReply(201, record);
  if (target.keyed) return jsonReply(200, record);
  if (query.has('$skiptoken')) return jsonReply(200, { value: [] });
  const separator = request.url.includes('?') ? '&' : '?';
  return jsonReply(200, { value: [record], '@odata.nextLink': `${request.url}${separator}$skiptoken=page-2` });
}
