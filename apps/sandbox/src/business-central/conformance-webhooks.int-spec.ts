import { BC_DEFAULTS } from './bc-identity';
import { BcHarness, startBcHarness } from './testing/bc-harness';
import { NotificationReceiver } from './testing/notification-receiver';

const MINUTE = 60_000;
const settle = () => new Promise((r) => setTimeout(r, 150));

/** Conformance cases 12-14 of reference/business-central.md section 10. */
describe('BC conformance: webhook subscriptions and notifications', () => {
  let h: BcHarness;
  let receiver: NotificationReceiver;
  const itemsResource = `/api/v2.0/companies(${BC_DEFAULTS.companyId})/items`;
  const customersResource = `/api/v2.0/companies(${BC_DEFAULTS.companyId})/customers`;

  beforeEach(async () => {
    h = await startBcHarness();
    receiver = await NotificationReceiver.start();
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  const subscribe = (resource: string, clientState = 'state-1') =>
    h.call('POST', `${h.root}subscriptions`, { body: { notificationUrl: receiver.url, resource, clientState } });
  const advance = (advanceMs: number) => h.control('POST', '/__sandbox/clock', { advanceMs });
  const setPrice = (number: string, unitPrice: string) => h.control('POST', `/__sandbox/business-central/items/${number}`, { unitPrice });
  const now = async () => Date.parse((await h.control('GET', '/__sandbox/clock')).body.now);

  it('case 12 - create and renewal run the handshake; a failed handshake stores nothing; the key is a quoted string', async () => {
    const created = await subscribe(itemsResource);
    expect(created.status).toBe(201);
    expect(receiver.handshakes).toBe(1);
    expect(created.body.subscriptionId).toMatch(/^[0-9a-f]{32}$/);
    expect(Date.parse(created.body.expirationDateTime) - (await now())).toBeGreaterThan(3 * 24 * 60 * MINUTE - 5000);
    receiver.handshake = 'wrong-token';
    const refused = await subscribe(customersResource);
    expect(refused.status).toBe(400);
    receiver.handshake = { status: 404 };
    expect((await subscribe(customersResource)).status).toBe(400);
    expect((await h.call('GET', `${h.root}subscriptions`)).body.value).toHaveLength(1);
    const path = `${h.root}subscriptions('${created.body.subscriptionId}')`;
    expect((await h.call('GET', path)).body.subscriptionId).toBe(created.body.subscriptionId);
    receiver.handshake = 'echo';
    const noEtag = await h.call('PATCH', path, { body: { clientState: 'state-2' } });
    expect(noEtag.status).toBe(400);
    expect(noEtag.body.error.code).toBe('BadRequest_InvalidToken');
    await advance(24 * 60 * MINUTE);
    const renewed = await h.call('PATCH', path, { body: { clientState: 'state-2' }, headers: { 'if-match': created.body['@odata.etag'] } });
    expect(renewed.status).toBe(200);
    expect(receiver.handshakes).toBe(4);
    expect(Date.parse(renewed.body.expirationDateTime)).toBeGreaterThan(Date.parse(created.body.expirationDateTime));
    receiver.handshake = 'json';
    const failedRenewal = await h.call('PATCH', path, { body: {}, headers: { 'if-match': renewed.body['@odata.etag'] } });
    expect(failedRenewal.status).toBe(400);
    expect((await h.call('GET', path)).body.expirationDateTime).toBe(renewed.body.expirationDateTime);
  });

  it('case 13 - one POST per URL, exactly six fields per entry, repeated updates collapse into one', async () => {
    const items = await subscribe(itemsResource, 'items-secret');
    const customers = await subscribe(customersResource, 'customers-secret');
    const item1 = (await h.call('GET', "items?$filter=number eq 'SKU-00001'")).body.value[0];
    await setPrice('SKU-00001', '10.00');
    await setPrice('SKU-00001', '11.00');
    await setPrice('SKU-00001', '12.00');
    const customer = (await h.call('GET', 'customers?$top=1')).body.value[0];
    await h.call('PATCH', `customers(${customer.id})`, { body: { phoneNumber: '555-0142' }, headers: { 'if-match': '*' } });
    await advance(29_000);
    await settle();
    expect(receiver.notifications).toHaveLength(0);
    await advance(1_000);
    await receiver.waitFor(1);
    await settle();
    expect(receiver.notifications).toHaveLength(1);
    const [delivery] = receiver.notifications;
    expect(delivery!.headers.clientrequestid).toBe(delivery!.headers['x-ms-correlation-id']);
    expect(delivery!.body.value).toHaveLength(2);
    for (const entry of delivery!.body.value) {
      expect(Object.keys(entry).sort()).toEqual(
        ['changeType', 'clientState', 'expirationDateTime', 'lastModifiedDateTime', 'resource', 'subscriptionId'].sort(),
      );
    }
    expect(delivery!.body.value).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subscriptionId: items.body.subscriptionId, clientState: 'items-secret', changeType: 'updated', resource: `${itemsResource}(${item1.id})` }),
        expect.objectContaining({ subscriptionId: customers.body.subscriptionId, clientState: 'customers-secret', changeType: 'updated', resource: `${customersResource}(${customer.id})` }),
      ]),
    );
  });

  it('case 13 - more than 1000 changes for one subscription become one collection entry', async () => {
    await subscribe(customersResource);
    for (let batch = 0; batch < 11; batch += 1) {
      const requests = Array.from({ length: 91 }, (_, i) => ({
        id: `${batch}-${i}`,
        method: 'POST',
        url: `companies(${BC_DEFAULTS.companyId})/customers`,
        headers: { 'content-type': 'application/json' },
        body: { displayName: `Bulk ${batch}-${i}` },
      }));
      const res = await h.call('POST', `${h.root}$batch`, { body: { requests } });
      expect(res.body.responses.every((r: { status: number }) => r.status === 201)).toBe(true);
    }
    await advance(30_000);
    await receiver.waitFor(1);
    const entries = receiver.entries();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.changeType).toBe('collection');
    const match = /^(.*)\?\$filter=lastModifiedDateTime%20gt%20(.+)$/.exec(entries[0]!.resource!);
    expect(match?.[1]).toBe(customersResource);
    const first = await h.call('GET', "customers?$filter=startswith(displayName,'Bulk')&$orderby=lastModifiedDateTime&$top=1");
    expect(Date.parse(match![2]!)).toBe(Date.parse(first.body.value[0].lastModifiedDateTime) - 50);
  });

  it('case 14 - 500/408/429 are retried after 1, 1, 10, 100, 1000 minutes; the 6th consecutive failure deletes', async () => {
    const created = await subscribe(itemsResource);
    const path = `${h.root}subscriptions('${created.body.subscriptionId}')`;
    receiver.respondWith(500, 408, 429, 503, 500, 500);
    await setPrice('SKU-00002', '20.00');
    await advance(30_000);
    await receiver.waitFor(1);
    const waits = [MINUTE, MINUTE, 10 * MINUTE, 100 * MINUTE, 1000 * MINUTE];
    for (const [i, wait] of waits.entries()) {
      await advance(wait - 1000);
      await settle();
      expect(receiver.notifications).toHaveLength(i + 1);
      await advance(1000);
      await receiver.waitFor(i + 2);
      expect(receiver.notifications[i + 1]!.body.value[0]!.changeType).toBe('updated');
    }
    await settle();
    expect((await h.call('GET', path)).status).toBe(404);
  });

  it('case 14 - 400/404/410 delete every subscription of the URL at once, without retry', async () => {
    await subscribe(itemsResource);
    await subscribe(customersResource);
    receiver.respondWith(410);
    await setPrice('SKU-00003', '30.00');
    await advance(30_000);
    await receiver.waitFor(1);
    await settle();
    expect((await h.call('GET', `${h.root}subscriptions`)).body.value).toHaveLength(0);
    await setPrice('SKU-00003', '31.00');
    await advance(2 * MINUTE);
    await settle();
    expect(receiver.notifications).toHaveLength(1);
  });
});
