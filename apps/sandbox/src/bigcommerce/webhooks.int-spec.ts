import { createHmac, timingSafeEqual } from 'node:crypto';
import { BigCommerceTestSandbox, eventually, WebhookReceiver } from './testing';
import { DEFAULT_CLIENT_SECRET } from './store/store-settings';

/** Independent Standard Webhooks check: base64 HMAC-SHA256 of "id.timestamp.body" under the client secret bytes. */
function standardSignatureValid(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): boolean {
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64'));
  return String(headers['webhook-signature'])
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .some((s) => {
      const given = Buffer.from(s.slice(3));
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/** Independent X-BC-Signature check: hex HMAC-SHA256 of the raw body under the client secret. */
function xBcSignatureValid(secret: string, header: string | string[] | undefined, body: string): boolean {
  const expected = createHmac('sha256', secret).update(body).digest('hex');
  return (
    typeof header === 'string' &&
    header.length === expected.length &&
    timingSafeEqual(Buffer.from(header), Buffer.from(expected))
  );
}

describe('BigCommerce sandbox webhooks', () => {
  let sb: BigCommerceTestSandbox;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    sb = await BigCommerceTestSandbox.start({ seed: { products: 5, customers: 2 } });
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await receiver?.close();
    await sb?.close();
  });

  beforeEach(async () => {
    const hooks = (await sb.api('GET', '/v3/hooks?limit=250')).json<{ data: Array<{ id: number }> }>().data;
    for (const h of hooks) await sb.api('DELETE', `/v3/hooks/${h.id}`);
    await sb.control('DELETE', '/__sandbox/faults');
    receiver.deliveries.length = 0;
    receiver.status = 200;
  });

  it('signs every delivery with the Standard Webhooks scheme and X-BC-Signature, and sends the hook custom headers', async () => {
    await sb.api('POST', '/v3/hooks', {
      body: {
        scope: 'store/order/created',
        destination: receiver.url('/signed'),
        headers: { 'X-Connector-Secret': 'k9' },
      },
    });
    const id = await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00001', quantity: 1 }] });
    const [delivery] = await receiver.waitFor((p) => (p.data as { id: number }).id === id);
    expect(delivery!.headers['x-connector-secret']).toBe('k9');
    expect(delivery!.headers['content-type']).toBe('application/json');
    expect(delivery!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(standardSignatureValid(DEFAULT_CLIENT_SECRET, delivery!.headers, delivery!.body)).toBe(true);
    expect(xBcSignatureValid(DEFAULT_CLIENT_SECRET, delivery!.headers['x-bc-signature'], delivery!.body)).toBe(true);
    expect(standardSignatureValid('another-secret', delivery!.headers, delivery!.body)).toBe(false);
    expect(xBcSignatureValid(DEFAULT_CLIENT_SECRET, delivery!.headers['x-bc-signature'], `${delivery!.body} `)).toBe(
      false,
    );
  });

  it('signs with the client secret of the API account that owns the hook, and shows hooks only to that account', async () => {
    await sb.control('POST', '/__sandbox/bigcommerce/api-accounts', {
      accessToken: 'second-app-token',
      clientId: 'second-app',
      clientSecret: 'second-app-secret',
    });
    const created = await sb.api('POST', '/v3/hooks', {
      token: 'second-app-token',
      body: { scope: 'store/order/created', destination: receiver.url('/second') },
    });
    expect(created.json<{ data: { client_id: string } }>().data.client_id).toBe('second-app');
    expect((await sb.api('GET', '/v3/hooks')).json<{ data: unknown[] }>().data).toHaveLength(0);
    expect((await sb.api('GET', `/v3/hooks/${created.json<{ data: { id: number } }>().data.id}`)).status).toBe(404);
    await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00002', quantity: 1 }] });
    const [delivery] = await receiver.waitFor(() => true);
    expect(standardSignatureValid('second-app-secret', delivery!.headers, delivery!.body)).toBe(true);
    expect(standardSignatureValid(DEFAULT_CLIENT_SECRET, delivery!.headers, delivery!.body)).toBe(false);
    await sb.api('DELETE', `/v3/hooks/${created.json<{ data: { id: number } }>().data.id}`, {
      token: 'second-app-token',
    });
  });

  it('accepts only HTTPS destinations on port 443, except loopback destinations on any port and scheme', async () => {
    const destination = async (d: string) =>
      (await sb.api('POST', '/v3/hooks', { body: { scope: 'store/product/updated', destination: d } })).status;
    expect(await destination('http://hooks.example.com/bc')).toBe(422);
    expect(await destination('https://hooks.example.com:8443/bc')).toBe(422);
    expect(await destination('not a url')).toBe(422);
    expect(await destination('https://hooks.example.com/bc')).toBe(200);
    expect(await destination('https://hooks.example.com:443/other')).toBe(200);
    expect(await destination('http://localhost:3000/bc')).toBe(200);
    expect(await destination('http://127.0.0.2:9/bc')).toBe(200);
    expect(await destination('http://[::1]:3000/bc')).toBe(200);
    expect(
      (await sb.api('POST', '/v3/hooks', { body: { scope: 'store/nothing/here', destination: receiver.url() } }))
        .status,
    ).toBe(422);
  });

  it('delivers nothing to inactive hooks and matches wildcard scopes', async () => {
    const inactive = (
      await sb.api('POST', '/v3/hooks', {
        body: { scope: 'store/order/created', destination: receiver.url('/inactive'), is_active: false },
      })
    ).json<{ data: { id: number } }>().data;
    await sb.api('POST', '/v3/hooks', { body: { scope: 'store/order/*', destination: receiver.url('/wild') } });
    const id = await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00003', quantity: 1 }] });
    await sb.api('PUT', `/v2/orders/${id}`, { body: { status_id: 9 } });
    const scopes = (await receiver.waitFor(() => true, 3)).map((d) => (JSON.parse(d.body) as { scope: string }).scope);
    expect(scopes.sort()).toEqual(['store/order/created', 'store/order/statusUpdated', 'store/order/updated']);
    expect(receiver.deliveries.every((d) => d.path === '/wild')).toBe(true);
    expect(inactive.id).toEqual(expect.any(Number));
  });

  it('fault "drop" loses a delivery; a status fault counts as failed and is retried; after-commit delivers but retries too', async () => {
    await sb.api('POST', '/v3/hooks', { body: { scope: 'store/order/created', destination: receiver.url('/faults') } });
    await sb.control('POST', '/__sandbox/faults', { system: 'bigcommerce-webhooks', drop: true, count: 1 });
    const lost = await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00001', quantity: 1 }] });
    await sb.control('POST', '/__sandbox/faults', { system: 'bigcommerce-webhooks', status: 503, count: 1 });
    const failedOnce = await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00001', quantity: 1 }] });
    await sb.control('POST', '/__sandbox/faults', {
      system: 'bigcommerce-webhooks',
      status: 500,
      afterCommit: true,
      count: 1,
    });
    const deliveredTwice = await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00001', quantity: 1 }] });
    await receiver.waitFor((p) => (p.data as { id: number }).id === deliveredTwice);
    await new Promise((r) => setTimeout(r, 100));
    const ids = () => receiver.deliveries.map((d) => (JSON.parse(d.body) as { data: { id: number } }).data.id);
    expect(ids()).toEqual([deliveredTwice]);
    await sb.control('POST', '/__sandbox/clock', { advanceMs: 60_000 });
    await eventually(() => (ids().length === 3 ? true : undefined), 3000, 'the retries');
    expect(ids().sort()).toEqual([failedOnce, deliveredTwice, deliveredTwice].sort());
    expect(ids()).not.toContain(lost);
    const log = (await sb.control('GET', '/__sandbox/bigcommerce/webhook-deliveries')).json<{
      deliveries: Array<{ outcome: string }>;
    }>().deliveries;
    expect(log.map((d) => d.outcome)).toEqual(expect.arrayContaining(['dropped', 'failed', 'delivered']));
  });

  it('repeats successful deliveries at the configured duplicate rate, with the same hash and webhook-id', async () => {
    await sb.control('PUT', '/__sandbox/bigcommerce/settings', { webhookDuplicateRate: 1 });
    try {
      await sb.api('POST', '/v3/hooks', { body: { scope: 'store/order/created', destination: receiver.url('/dup') } });
      const id = await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00004', quantity: 1 }] });
      const [a, b] = await receiver.waitFor((p) => (p.data as { id: number }).id === id, 2);
      expect(JSON.parse(a!.body).hash).toBe(JSON.parse(b!.body).hash);
      expect(a!.headers['webhook-id']).toBe(b!.headers['webhook-id']);
    } finally {
      await sb.control('PUT', '/__sandbox/bigcommerce/settings', { webhookDuplicateRate: 0 });
    }
  });

  it('counts an unreachable destination as a failed delivery', async () => {
    const dead = await WebhookReceiver.start();
    const url = dead.url('/gone');
    await dead.close();
    await sb.api('POST', '/v3/hooks', { body: { scope: 'store/customer/created', destination: url } });
    await sb.api('POST', '/v3/customers', {
      body: [{ email: 'unreachable@example.com', first_name: 'Un', last_name: 'Reachable' }],
    });
    const log = await eventually(
      async () => {
        const all = (await sb.control('GET', '/__sandbox/bigcommerce/webhook-deliveries')).json<{
          deliveries: Array<{ scope: string; outcome: string; error?: string }>;
        }>().deliveries;
        return all.find((d) => d.scope === 'store/customer/created');
      },
      3000,
      'the failed attempt',
    );
    expect(log.outcome).toBe('failed');
    expect(log.error).toContain('ECONNREFUSED');
  });
});

describe('BigCommerce sandbox webhook retry schedule under a time scale', () => {
  it('divides the documented delays by SANDBOX_TIME_SCALE and deactivates the hook when the retries run out', async () => {
    const sb = await BigCommerceTestSandbox.start({ timeScale: 3600, seed: { products: 2 } });
    const receiver = await WebhookReceiver.start();
    receiver.status = 410;
    try {
      const hook = (
        await sb.api('POST', '/v3/hooks', { body: { scope: 'store/order/created', destination: receiver.url() } })
      ).json<{ data: { id: number } }>().data;
      await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00001', quantity: 1 }] });
      // 172,800 s of documented delays / 3600 = 48 s of sandbox time: advance it in hops.
      for (let i = 0; i < 12 && receiver.deliveries.length < 12; i += 1) {
        await sb.control('POST', '/__sandbox/clock', { advanceMs: 25_000 });
        await new Promise((r) => setTimeout(r, 100));
      }
      await eventually(() => (receiver.deliveries.length === 12 ? true : undefined), 5000, '12 attempts');
      expect((await sb.hookDeactivated(hook.id)).is_active).toBe(false);
      receiver.status = 200;
      await sb.api('PUT', `/v3/hooks/${hook.id}`, { body: { is_active: true } });
      await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00001', quantity: 1 }] });
      await eventually(
        () => (receiver.deliveries.length === 13 ? true : undefined),
        3000,
        'delivery after reactivation',
      );
    } finally {
      await receiver.close();
      await sb.close();
    }
  });
});
