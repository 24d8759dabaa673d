import { BC_DEFAULTS } from './bc-identity';
import { BcHarness, startBcHarness } from './testing/bc-harness';
import { NotificationReceiver } from './testing/notification-receiver';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const settle = () => new Promise((r) => setTimeout(r, 150));
const companyPath = `/api/v2.0/companies(${BC_DEFAULTS.companyId})`;

describe('BC subscriptions: lifecycle on the sandbox clock, change types, silent stock, faults', () => {
  let h: BcHarness;
  let receiver: NotificationReceiver;
  beforeEach(async () => {
    h = await startBcHarness();
    receiver = await NotificationReceiver.start();
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  const subscribe = (set: string) =>
    h.call('POST', `${h.root}subscriptions`, {
      body: { notificationUrl: receiver.url, resource: `${companyPath}/${set}`, clientState: `cs-${set}` },
    });
  const advance = (advanceMs: number) => h.control('POST', '/__sandbox/clock', { advanceMs });
  const runSender = async (expected: number) => {
    await advance(30_000);
    if (expected > 0) await receiver.waitFor(expected);
    await settle();
  };

  it('expires three days after creation: the subscription disappears and no longer notifies', async () => {
    const created = await subscribe('items');
    await advance(3 * DAY - MINUTE);
    expect((await h.call('GET', `${h.root}subscriptions('${created.body.subscriptionId}')`)).status).toBe(200);
    await advance(2 * MINUTE);
    await settle();
    expect((await h.call('GET', `${h.root}subscriptions('${created.body.subscriptionId}')`)).status).toBe(404);
    await h.control('POST', '/__sandbox/business-central/items/SKU-00001', { unitPrice: '9.99' });
    await runSender(0);
    expect(receiver.notifications).toHaveLength(0);
  });

  it('allows 200 subscriptions per environment and refuses the 201st', async () => {
    for (let i = 0; i < 200; i += 1) expect((await subscribe('items')).status).toBe(201);
    const over = await subscribe('customers');
    expect(over.status).toBe(400);
    expect(over.body.error.message).toContain('200');
    expect(receiver.handshakes).toBe(200);
  });

  it('refuses resources that do not support webhooks and plain HTTP outside loopback', async () => {
    expect((await subscribe('salesInvoiceLines')).status).toBe(400);
    expect((await subscribe('taxAreas')).status).toBe(400);
    const http = await h.call('POST', `${h.root}subscriptions`, {
      body: { notificationUrl: 'http://example.com/hook', resource: `${companyPath}/items` },
    });
    expect(http.status).toBe(400);
    expect(receiver.handshakes).toBe(0);
  });

  it('drops null updates and notifies a document header when its lines change', async () => {
    await subscribe('customers');
    await subscribe('salesInvoices');
    const existing = (await h.call('GET', "customers?$filter=number eq 'C00010'")).body.value[0];
    const unchanged = await h.call('PATCH', `customers(${existing.id})`, {
      body: { displayName: existing.displayName },
      headers: { 'if-match': existing['@odata.etag'] },
    });
    expect(unchanged.body['@odata.etag']).toBe(existing['@odata.etag']);
    const invoice = await h.call('POST', 'salesInvoices', { body: { customerId: existing.id } });
    await runSender(1);
    expect(receiver.entries().map((e) => e.changeType)).toEqual(['created']);
    receiver.notifications.length = 0;
    await h.call('POST', `salesInvoices(${invoice.body.id})/salesInvoiceLines`, {
      body: { lineType: 'Item', lineObjectNumber: 'SKU-00001', quantity: 1 },
    });
    await runSender(1);
    const entries = receiver.entries();
    expect(entries).toEqual([expect.objectContaining({ changeType: 'updated', resource: `${companyPath}/salesInvoices(${invoice.body.id})` })]);
  });

  it('reports a customer created then deleted in one run as deleted, and ignores a PATCH that changes nothing', async () => {
    await subscribe('customers');
    const customer = await h.call('POST', 'customers', { body: { displayName: 'Short Lived' } });
    await h.call('DELETE', `customers(${customer.body.id})`);
    const kept = await h.call('POST', 'customers', { body: { displayName: 'Kept' } });
    await runSender(1);
    const byResource = Object.fromEntries(receiver.entries().map((e) => [e.resource, e.changeType]));
    expect(byResource).toEqual({
      [`${companyPath}/customers(${customer.body.id})`]: 'deleted',
      [`${companyPath}/customers(${kept.body.id})`]: 'created',
    });
  });

  it('keeps stock movements silent: no notification, same lastModifiedDateTime and ETag; a price change does both', async () => {
    await subscribe('items');
    const before = (await h.call('GET', "items?$filter=number eq 'SKU-00004'")).body.value[0];
    // A delta poll's watermark: the newest change of any item before the movement (seeded items differ by milliseconds).
    const newest = (await h.call('GET', 'items?$orderby=lastModifiedDateTime desc&$top=1')).body.value[0].lastModifiedDateTime;
    await advance(MINUTE);
    await h.control('POST', '/__sandbox/business-central/items/SKU-00004', { inventory: 500 });
    const customer = (await h.call('GET', 'customers?$top=1')).body.value[0];
    const invoice = await h.call('POST', 'salesInvoices', {
      body: { customerId: customer.id, salesInvoiceLines: [{ lineType: 'Item', lineObjectNumber: 'SKU-00004', quantity: 7 }] },
    });
    await h.call('POST', `salesInvoices(${invoice.body.id})/Microsoft.NAV.post`);
    await runSender(0);
    expect(receiver.notifications).toHaveLength(0);
    const moved = (await h.call('GET', `items(${before.id})`)).body;
    expect(moved.inventory).toBe(493);
    expect(moved.lastModifiedDateTime).toBe(before.lastModifiedDateTime);
    expect(moved['@odata.etag']).toBe(before['@odata.etag']);
    const since = await h.call('GET', `items?$filter=lastModifiedDateTime gt ${newest}`);
    expect(since.body.value).toHaveLength(0);
    await h.control('POST', '/__sandbox/business-central/items/SKU-00004', { unitPrice: '42.50' });
    await runSender(1);
    expect(receiver.entries()).toEqual([expect.objectContaining({ changeType: 'updated', resource: `${companyPath}/items(${before.id})` })]);
    const priced = (await h.call('GET', `items(${before.id})`)).body;
    expect(priced.unitPrice).toBe(42.5);
    expect(Date.parse(priced.lastModifiedDateTime)).toBeGreaterThan(Date.parse(before.lastModifiedDateTime));
  });

  it('applies business-central-notifications faults: before commit the receiver sees nothing, afterCommit it sees a redelivery', async () => {
    await subscribe('items');
    await h.control('POST', '/__sandbox/faults', { system: 'business-central-notifications', status: 503, count: 1 });
    await h.control('POST', '/__sandbox/business-central/items/SKU-00005', { unitPrice: '5.55' });
    await runSender(0);
    expect(receiver.notifications).toHaveLength(0);
    await advance(MINUTE);
    await receiver.waitFor(1);
    await h.control('POST', '/__sandbox/faults', { system: 'business-central-notifications', status: 500, afterCommit: true, count: 1 });
    await h.control('POST', '/__sandbox/business-central/items/SKU-00005', { unitPrice: '6.66' });
    await runSender(2);
    await advance(MINUTE);
    await receiver.waitFor(3);
    expect(receiver.notifications[2]!.body).toEqual(receiver.notifications[1]!.body);
    const log = await h.control('GET', '/__sandbox/requests?system=business-central-notifications');
    expect(log.body.requests.map((r: { status: number }) => r.status)).toEqual([503, 202, 500, 202]);
  });

  it('compresses the sender delay and retry waits by the time scale', async () => {
    await h.close();
    h = await startBcHarness({ timeScale: 1000 });
    await subscribe('items');
    receiver.respondWith(500);
    await h.control('POST', '/__sandbox/business-central/items/SKU-00006', { unitPrice: '1.23' });
    await receiver.waitFor(2, 2000);
    expect(receiver.notifications[1]!.body.value[0]!.changeType).toBe('updated');
  });
});
