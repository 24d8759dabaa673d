import { HttpRequest } from '../http/http-transport.port';
import { BcMetadata } from './bc-metadata';
import { loadReferenceFacts } from './bc-reference-facts';
import { BcCheckContext, checkBcRequest } from './bc-request-check';
import { COMPANY_ID, ENVIRONMENT, TENANT_ID } from './recording-transport';

/*
 * Known-bad requests, each rejected by the checker with the reason the metadata or the reference gives, beside
 * well-formed ones that pass: the verdicts of the conformance suite are not vacuous.
 */

let ctx: BcCheckContext;

beforeAll(() => {
  const metadata = BcMetadata.loadOfficial();
  ctx = { metadata, facts: loadReferenceFacts(metadata), tenantId: TENANT_ID, environment: ENVIRONMENT };
});

const ROOT = `https://api.businesscentral.dynamics.com/v2.0/${TENANT_ID}/${ENVIRONMENT}/api/v2.0/`;
const CO = `${ROOT}companies(${COMPANY_ID})/`;
const ID = '9a4c6a1e-0000-4000-8000-000000000001';
const AUTH = { authorization: 'Bearer token-1' };
const JSON_WRITE = { ...AUTH, 'content-type': 'application/json' };

function req(method: HttpRequest['method'], url: string, body?: unknown, headers: Record<string, string> = AUTH) {
  const request: HttpRequest = {
    method,
    url,
    headers: body === undefined ? headers : { ...JSON_WRITE, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: 1000,
  };
  return request;
}

const q = (text: string) => encodeURIComponent(text);
const line = { lineType: 'Item', itemId: ID, quantity: 1 };
const invoice = (extra: object) => ({ customerId: ID, externalDocumentNumber: 'BC-1', ...extra });

describe('requests the API page definitions and the reference reject', () => {
  it.each<[string, HttpRequest, RegExp]>([
    ['another API version', req('GET', CO.replace('/api/v2.0/', '/api/v1.0/') + 'items'), /not under the service root/],
    ['an unknown entity set', req('GET', `${CO}widgets`), /entity set "widgets" is not in the metadata/],
    ['subscriptions under a company', req('GET', `${CO}subscriptions`), /subscriptions is environment-level/],
    ['customers at the environment root', req('GET', `${ROOT}customers`), /customers is company-scoped/],
    ['a quoted GUID key', req('GET', `${CO}customers('${ID}')`), /must be a bare lower-case GUID/],
    ['an upper-case GUID key', req('GET', `${CO}customers(${ID.toUpperCase()})`), /must be a bare lower-case GUID/],
    ['an unquoted string key', req('GET', `${ROOT}subscriptions(abc)`), /must be single-quoted/],
    [
      'makeInvoice on an order',
      req('POST', `${CO}salesOrders(${ID})/Microsoft.NAV.makeInvoice`),
      /not a bound action of salesOrders/,
    ],
    ['an action read with GET', req('GET', `${CO}salesInvoices(${ID})/Microsoft.NAV.post`), /actions are POSTed/],
    [
      'an action with a body',
      req('POST', `${CO}salesInvoices(${ID})/Microsoft.NAV.post`, {}),
      /sends a body: empty body/,
    ],
    ['creating a company', req('POST', `${ROOT}companies`, { name: 'X' }), /GET only \(POST → 405/],
    [
      'creating a G/L account',
      req('POST', `${CO}accounts`, { number: '1' }),
      /POST on the collection accounts is not allowed/,
    ],
    [
      'PATCH without If-Match',
      req('PATCH', `${CO}customers(${ID})`, { displayName: 'A' }),
      /PATCH \*\*requires\*\* `If-Match`/,
    ],
    ['DELETE without If-Match', req('DELETE', `${CO}salesInvoices(${ID})`), /DELETE: docs say If-Match required/],
    ['no bearer token', req('GET', `${CO}items`, undefined, {}), /no bearer token/],
    [
      'read-replica intent on a write',
      req('POST', `${CO}customers`, { displayName: 'A' }, { 'data-access-intent': 'ReadOnly' }),
      /Data-Access-Intent on POST/,
    ],
    [
      'a page size above 20,000',
      req('GET', `${CO}items`, undefined, { ...AUTH, prefer: 'odata.maxpagesize=50000' }),
      /max \*\*20,000\*\*/,
    ],
    ['$select of an unknown field', req('GET', `${CO}items?$select=id,price`), /"price", not a property of items/],
    [
      '$expand of a non-navigation',
      req('GET', `${CO}salesInvoices?$expand=lines`),
      /"lines", not a navigation property/,
    ],
    ['$orderby of an unknown field', req('GET', `${CO}items?$orderby=price desc`), /\$orderby names "price"/],
    [
      '$filter on an unknown field',
      req('GET', `${CO}customers?$filter=${q("mail eq 'a'")}`),
      /"mail", not a property of customers/,
    ],
    [
      'or across two fields',
      req('GET', `${CO}customers?$filter=${q("email eq 'a' or displayName eq 'b'")}`),
      /'OR' operator is not supported/,
    ],
    [
      'the in operator at schema 2.0',
      req('GET', `${CO}items?$filter=${q("number in ('A','B')")}`),
      /only works with `\$schemaversion=2.1`/,
    ],
    [
      'nested functions at schema 2.0',
      req('GET', `${CO}items?$filter=${q("contains(tolower(number),'a')")}`),
      /Nested functions/,
    ],
    ['an unknown filter function', req('GET', `${CO}items?$filter=${q("lower(number) eq 'a'")}`), /calls "lower"/],
    [
      'a read-only field',
      req('POST', `${CO}salesInvoices`, invoice({ pricesIncludeTax: true })),
      /pricesIncludeTax is read-only/,
    ],
    [
      'an unknown field',
      req('POST', `${CO}customers`, { displayName: 'A', vatNumber: 'x' }),
      /vatNumber is not a property of customers/,
    ],
    [
      'a malformed GUID',
      req('POST', `${CO}salesInvoices`, invoice({ customerId: 'C00010' })),
      /customerId must be a lower-case GUID/,
    ],
    [
      'a date in another format',
      req('POST', `${CO}salesInvoices`, invoice({ invoiceDate: '02/01/2025' })),
      /must be a YYYY-MM-DD date/,
    ],
    [
      'a decimal as text',
      req('POST', `${CO}salesInvoices`, invoice({ discountAmount: '5.00' })),
      /discountAmount must be a JSON number/,
    ],
    [
      'a line type the reference does not list',
      req('POST', `${CO}salesInvoices`, invoice({ salesInvoiceLines: [{ ...line, lineType: 'G/L Account' }] })),
      /lineType "G\/L Account" is not one of/,
    ],
    [
      'an over-long external document number',
      req('POST', `${CO}salesCreditMemos`, invoice({ externalDocumentNumber: 'X'.repeat(36) })),
      /externalDocumentNumber is 36 characters; the reference documents at most 35/,
    ],
    [
      'deep insert into a 0..1 part',
      req('POST', `${CO}salesInvoices`, invoice({ pdfDocument: [{}] })),
      /not a deep-insertable collection/,
    ],
    [
      'a deep PATCH',
      req('PATCH', `${CO}salesInvoices(${ID})`, { salesInvoiceLines: [line] }, { 'if-match': '*' }),
      /No deep PATCH/,
    ],
    [
      'a line with item and account',
      req('POST', `${CO}salesInvoices`, invoice({ salesInvoiceLines: [{ ...line, accountId: ID }] })),
      /Both "itemId" and "accountId" are specified/,
    ],
    [
      'an invoice without customer',
      req('POST', `${CO}salesInvoices`, { externalDocumentNumber: 'X' }),
      /A "customerNumber" or a "customerId"/,
    ],
    [
      'an item created with inventory',
      req('POST', `${CO}items`, { displayName: 'A', inventory: 3 }),
      /Inventory cannot be changed during on insert/,
    ],
  ])('%s', (_name, request, reason) => {
    expect(checkBcRequest(request, ctx).problems.join('\n')).toMatch(reason);
  });

  it('accepts well-formed requests to the same targets', () => {
    const good = [
      req('GET', `${CO}customers?$filter=${q("tolower(email) eq 'a''b@x.com'")}&$select=id,email&$orderby=number asc`),
      req('GET', `${CO}items?$filter=${q("number eq 'A' or number eq 'B'")}&$top=5`),
      req('GET', `${CO}items?$filter=${q("number in ('A','B')")}&$schemaversion=2.1`),
      req('GET', `${CO}salesOrders(${ID})?$expand=${q('salesOrderLines($select=id,quantity)')}`),
      req('GET', `${CO}items?$filter=${q('lastModifiedDateTime gt 2025-01-01T00:00:00.000Z')}`),
      req('POST', `${CO}salesInvoices`, invoice({ salesInvoiceLines: [line] })),
      req('POST', `${CO}salesInvoices(${ID})/Microsoft.NAV.post`),
      req('PATCH', `${ROOT}subscriptions('0123abc')`, { notificationUrl: 'https://x' }, { 'if-match': 'W/"1"' }),
      req('DELETE', `${CO}salesOrders(${ID})`, undefined, { ...AUTH, 'if-match': '*' }),
    ];
    expect(good.flatMap((r) => checkBcRequest(r, ctx).problems)).toEqual([]);
  });
});
