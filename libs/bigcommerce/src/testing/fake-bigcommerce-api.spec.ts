import { OutcomeUnknownError, PermanentError, RetryableError } from '@mlc/platform-errors';
import { Decimal } from '@mlc/platform-money';
import { verifyWebhook } from '../webhooks/webhook-verifier';
import { parseWebhookPayload } from '../webhooks/webhook-payloads';
import { FakeBigCommerceApi } from './fake-bigcommerce-api';
import { buildOrder, buildProduct, buildVariant, buildCustomer } from './fixtures';
import { signBcSignature, signStandardWebhook, webhookBody } from './webhook-signing';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('FakeBigCommerceApi', () => {
  it('serves seeded orders as copies and 404s unknown ones like the client', async () => {
    const fake = new FakeBigCommerceApi().seedOrder(buildOrder(1));
    const order = await fake.getOrder(1);
    order.total_inc_tax = '0.0000';
    expect((await fake.getOrder(1)).total_inc_tax).toBe('66.0000');
    await expect(fake.getOrder(2)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(fake.calls.map((c) => c.method)).toEqual(['getOrder', 'getOrder', 'getOrder']);
  });

  it('scripts failures with the same error types as the HTTP client', async () => {
    const fake = new FakeBigCommerceApi().seedOrder(buildOrder(1));
    fake.failNext(503).failNext(429, { method: 'createHook' }).failNext(503, { method: 'createHook' });
    await expect(fake.getOrder(1)).rejects.toMatchObject({ code: 'SERVER_ERROR', status: 503 });
    await expect(fake.getOrder(1)).resolves.toMatchObject({ id: 1 });
    const hook = { scope: 'store/order/*', destination: 'https://x.example/hook' };
    await expect(fake.createHook(hook)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 1000 });
    await expect(fake.createHook(hook)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(fake.hooks.size).toBe(0);
    expect(fake.pendingFailures).toBe(0);
  });

  it('can apply a write and still fail it, like a lost answer', async () => {
    const fake = new FakeBigCommerceApi().failNext('timeout', { method: 'createHook', afterApply: true });
    const hook = { scope: 'store/order/*', destination: 'https://x.example/hook' };
    await expect(fake.createHook(hook)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(await fake.listHooks({ scope: 'store/order/*' })).toHaveLength(1);
    await expect(fake.createHook(hook)).rejects.toMatchObject({ code: 'VALIDATION', status: 422 });
    fake.failNext('reset', { method: 'getOrder' });
    await expect(fake.getOrder(1)).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('polls orders by date_modified, oldest first, bounds inclusive to the second', async () => {
    const fake = new FakeBigCommerceApi()
      .seedOrder(buildOrder(3, { overrides: { date_modified: 'Tue, 05 Mar 2019 21:50:00 +0000' } }))
      .seedOrder(buildOrder(1, { overrides: { date_modified: 'Tue, 05 Mar 2019 21:40:11 +0000' } }))
      .seedOrder(buildOrder(2, { overrides: { date_modified: 'Tue, 05 Mar 2019 21:30:00 +0000' } }));
    const since = new Date(Date.UTC(2019, 2, 5, 21, 40, 11, 900));
    expect((await collect(fake.listOrdersModifiedSince(since))).map((o) => o.id)).toEqual([1, 3]);
  });

  it('finds customers by email case-insensitively', async () => {
    const fake = new FakeBigCommerceApi().seedCustomer(buildCustomer(7, 'Jane.Doe@example.com'));
    expect((await fake.findCustomersByEmail(['jane.doe@example.com'])).map((c) => c.id)).toEqual([7]);
  });

  it('applies catalog batches within the documented limits', async () => {
    const fake = new FakeBigCommerceApi().seedProduct(
      buildProduct(10, 'TEE', {
        inventory_tracking: 'variant',
        base_variant_id: null,
        variants: [buildVariant(11, 10, 'TEE-S'), buildVariant(12, 10, 'TEE-M')],
      }),
    );
    await fake.updateVariantsBatch([{ id: 11, price: Decimal.parse('19.99') }]);
    expect((await fake.getVariantsBySku(['TEE-S']))[0]?.price).toBe(19.99);
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ id: i + 1 }));
    await expect(fake.updateVariantsBatch(tooMany)).rejects.toThrow(RangeError);
    await expect(fake.updateVariantsBatch([{ id: 99, price: null }])).rejects.toBeInstanceOf(PermanentError);
  });

  it('keeps inventory per tracking mode and refuses the wrong target like the store', async () => {
    const fake = new FakeBigCommerceApi().seedProduct(buildProduct(1, 'SIMPLE', { inventory_level: 5 })).seedProduct(
      buildProduct(10, 'TEE', {
        inventory_tracking: 'variant',
        base_variant_id: null,
        variants: [buildVariant(11, 10, 'TEE-S', { inventory_level: 3 })],
      }),
    );
    await fake.adjustRelative({ reason: 'order', items: [{ locationId: 1, quantity: -2, target: { productId: 1 } }] });
    const { transactionId } = await fake.adjustAbsolute({
      reason: 'sync',
      items: [{ locationId: 1, quantity: 8, target: { sku: 'TEE-S' } }],
    });
    expect(transactionId).toBe('fake-tx-2');
    expect(fake.catalog.inventoryLevel(1, { productId: 1 })).toBe(3);
    expect(fake.catalog.inventoryLevel(1, { variantId: 11 })).toBe(8);
    await expect(
      fake.adjustAbsolute({ reason: 'x', items: [{ locationId: 1, quantity: 1, target: { variantId: 5001 } }] }),
    ).rejects.toThrow('tracked by product');
    await expect(
      fake.adjustAbsolute({ reason: 'x', items: [{ locationId: 1, quantity: 1, target: { productId: 10 } }] }),
    ).rejects.toThrow('tracked by variant');
  });

  it('reactivates a deactivated hook', async () => {
    const fake = new FakeBigCommerceApi();
    const hook = await fake.createHook({
      scope: 'store/sku/*',
      destination: 'https://x.example/h',
      headers: { 'X-Secret': 's' },
    });
    fake.deactivateHook(hook.id);
    expect(await fake.listHooks({ isActive: false })).toHaveLength(1);
    expect((await fake.updateHook(hook.id, { isActive: true })).is_active).toBe(true);
    await expect(fake.deleteHook(999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('fails every call with a scripted error of the caller’s choice', async () => {
    const boom = new RetryableError('DEPENDENCY_DOWN', 'scripted');
    const fake = new FakeBigCommerceApi().failNext(boom);
    await expect(fake.storeInformation()).rejects.toBe(boom);
  });
});

describe('webhook signing helpers', () => {
  it('produce deliveries the verifier and the payload parser accept', () => {
    const body = webhookBody('store/order/created', { type: 'order', id: 250 });
    const headers = {
      ...signStandardWebhook({ secret: 'client-secret', id: 'msg_1', timestampSeconds: 1_700_000_000, body }),
      ...signBcSignature(body, 'client-secret', 'base64'),
    };
    const config = { standardWebhooks: { secret: 'client-secret' } };
    expect(verifyWebhook({ headers, rawBody: body }, config, 1_700_000_000_000).verified).toBe(true);
    expect(verifyWebhook({ headers, rawBody: body }, { bcSignature: { secret: 'client-secret' } }).verified).toBe(true);
    expect(parseWebhookPayload(body).data.id).toBe(250);
  });
});
