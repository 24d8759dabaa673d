import { Decimal } from '@mlc/platform-money';
import { BigCommerceTestSandbox, JsonBody as Json, WebhookReceiver } from './testing';

describe('BigCommerce sandbox transactions and refunds', () => {
  let sb: BigCommerceTestSandbox;

  beforeAll(async () => {
    sb = await BigCommerceTestSandbox.start({ seed: { products: 5, customers: 2 } });
    await sb.control('PUT', '/__sandbox/bigcommerce/settings', { inventoryApplyDelayMs: 0 });
  });
  afterAll(() => sb?.close());

  const lines = async (id: number) => (await sb.api('GET', `/v2/orders/${id}/products`)).json<Json[]>();
  const order = async (id: number) => (await sb.api('GET', `/v2/orders/${id}`)).json<Json>();

  it('a paid order has a purchase transaction; an unpaid one answers 204 and cannot be refunded', async () => {
    const paid = await sb.placeOrder({
      customerEmail: 'payer@example.com',
      lines: [{ sku: 'SKU-00001', quantity: 1 }],
    });
    const tx = (await sb.api('GET', `/v3/orders/${paid}/transactions`)).json<{ data: Json[] }>().data;
    expect(tx).toEqual([
      expect.objectContaining({ event: 'purchase', order_id: String(paid), gateway: 'testgateway', status: 'ok' }),
    ]);
    expect(tx[0]!.amount).toBe(Number((await order(paid)).total_inc_tax));
    const unpaid = await sb.placeOrder({ guest: true, statusId: 7, lines: [{ sku: 'SKU-00001', quantity: 1 }] });
    const none = await sb.api('GET', `/v3/orders/${unpaid}/transactions`);
    expect(none.status).toBe(204);
    expect(none.text).toBe('');
    const quote = await sb.api('POST', `/v3/orders/${unpaid}/payment_actions/refund_quotes`, {
      body: { items: [{ item_type: 'ORDER', item_id: unpaid, amount: 1 }] },
    });
    expect(quote.status).toBe(422);
    expect((await sb.api('GET', '/v3/orders/999999/transactions')).status).toBe(404);
  });

  it('refunds lines and shipping with tax, moves the order to Partially Refunded then Refunded, and never restocks', async () => {
    const id = await sb.placeOrder({
      customerEmail: 'refunds@example.com',
      lines: [{ sku: 'SKU-00002', quantity: 2 }],
      shippingCost: '8.00',
    });
    const stockAfterOrder = (await sb.control('GET', '/__sandbox/bigcommerce/state')).json<Json>().stock['SKU-00002'];
    const [line] = await lines(id);
    const address = (await sb.api('GET', `/v2/orders/${id}/shipping_addresses`)).json<Json[]>()[0]!;
    const quote = (
      await sb.api('POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
        body: { items: [{ item_type: 'PRODUCT', item_id: line!.id, quantity: 1 }] },
      })
    ).json<Json>().data;
    const lineTotal = Decimal.parse(line!.total_inc_tax);
    expect(Decimal.fromWireNumber(quote.total_refund_amount).eq(lineTotal.dividedBy(2).round(2))).toBe(true);
    expect(quote.total_refund_tax_amount).toBeGreaterThan(0);
    expect(quote.refund_methods.map((m: Json[]) => m[0]!.provider_id)).toEqual([
      'testgateway',
      'storecredit',
      'custom',
    ]);
    const first = await sb.api('POST', `/v3/orders/${id}/payment_actions/refunds`, {
      body: {
        items: [{ item_type: 'PRODUCT', item_id: line!.id, quantity: 1, reason: 'Damaged' }],
        payments: [{ provider_id: 'testgateway', amount: quote.total_refund_amount, offline: false }],
      },
    });
    expect(first.status).toBe(201);
    expect(first.json<Json>().data).toMatchObject({
      order_id: id,
      reason: 'Damaged',
      total_amount: quote.total_refund_amount,
    });
    let o = await order(id);
    expect(o).toMatchObject({
      status_id: 14,
      payment_status: 'partially refunded',
      refunded_amount: Decimal.fromWireNumber(quote.total_refund_amount).toFixed(4),
    });
    expect((await lines(id))[0]).toMatchObject({ quantity_refunded: 1, is_refunded: false });
    const rest = (
      await sb.api('POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
        body: {
          items: [
            { item_type: 'PRODUCT', item_id: line!.id, quantity: 1 },
            { item_type: 'SHIPPING', item_id: address.id, amount: 8 },
          ],
        },
      })
    ).json<Json>().data;
    expect(
      (
        await sb.api('POST', `/v3/orders/${id}/payment_actions/refunds`, {
          body: {
            items: [
              { item_type: 'PRODUCT', item_id: line!.id, quantity: 1 },
              { item_type: 'SHIPPING', item_id: address.id, amount: 8 },
            ],
            payments: [{ provider_id: 'storecredit', amount: rest.total_refund_amount, offline: false }],
          },
        })
      ).status,
    ).toBe(201);
    o = await order(id);
    expect(o).toMatchObject({ status_id: 4, payment_status: 'refunded' });
    expect(Decimal.parse(o.refunded_amount).eq(o.total_inc_tax)).toBe(true);
    expect((await lines(id))[0]).toMatchObject({ quantity_refunded: 2, is_refunded: true });
    expect((await sb.control('GET', '/__sandbox/bigcommerce/state')).json<Json>().stock['SKU-00002']).toBe(
      stockAfterOrder,
    );
    const more = await sb.api('POST', `/v3/orders/${id}/payment_actions/refund_quotes`, {
      body: { items: [{ item_type: 'ORDER', item_id: id, amount: 1 }] },
    });
    expect(more.status).toBe(422);
    const refunds = (await sb.api('GET', `/v3/orders/${id}/payment_actions/refunds`)).json<{ data: Json[] }>().data;
    expect(refunds).toHaveLength(2);
    const txId = refunds[0]!.payments[0]!.transaction_id;
    expect(
      (await sb.api('GET', `/v3/orders/payment_actions/refunds?transaction_id=${txId}`))
        .json<{ data: Json[] }>()
        .data.map((r) => r.id),
    ).toEqual([refunds[0]!.id]);
    expect(
      (await sb.api('GET', `/v3/orders/payment_actions/refunds?order_id:in=${id}`)).json<{ data: Json[] }>().data,
    ).toHaveLength(2);
    const single = (await sb.api('GET', `/v3/orders/payment_actions/refunds/${refunds[1]!.id}`)).json<Json>().data;
    expect(single.items.find((i: Json) => i.item_type === 'SHIPPING').requested_amount).toBe('8.00');
    const tx = (await sb.api('GET', `/v3/orders/${id}/transactions`)).json<{ data: Json[] }>().data;
    expect(tx.map((t) => t.event)).toEqual(['purchase', 'refund', 'refund']);
  });

  it('refuses store credit for guests, quantities beyond what is left, unknown items and a merchant override above the order', async () => {
    const id = await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00003', quantity: 1 }] });
    const [line] = await lines(id);
    const post = (body: Json) => sb.api('POST', `/v3/orders/${id}/payment_actions/refunds`, { body });
    const guest = await post({
      items: [{ item_type: 'PRODUCT', item_id: line!.id, quantity: 1 }],
      payments: [{ provider_id: 'storecredit', amount: 1, offline: false }],
    });
    expect(guest.json()).toEqual({
      data: [{ status: 422, title: 'Unable to provide store credit for a guest customer.', type: expect.any(String) }],
    });
    expect(
      (
        await post({
          items: [{ item_type: 'PRODUCT', item_id: line!.id, quantity: 2 }],
          payments: [{ provider_id: 'testgateway', amount: 1 }],
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await post({
          items: [{ item_type: 'PRODUCT', item_id: 123456, quantity: 1 }],
          payments: [{ provider_id: 'testgateway', amount: 1 }],
        })
      ).status,
    ).toBe(422);
    expect(
      (await post({ items: [{ item_type: 'PRODUCT', item_id: line!.id }], payments: [] })).json<Json>(),
    ).toMatchObject({ status: 422, errors: expect.any(Object) });
    const total = Number((await order(id)).total_inc_tax);
    const over = await post({
      items: [{ item_type: 'ORDER', item_id: id, amount: 1 }],
      merchant_calculated_override: { total_amount: total + 5, total_tax: 0 },
      payments: [{ provider_id: 'testgateway', amount: total + 5 }],
    });
    expect(over.status).toBe(422);
    const override = await post({
      items: [{ item_type: 'ORDER', item_id: id, amount: 1 }],
      merchant_calculated_override: { total_amount: 2.5, total_tax: 0.2 },
      payments: [{ provider_id: 'testgateway', amount: 2.5 }],
    });
    expect(override.status).toBe(201);
    expect(override.json<Json>().data).toMatchObject({
      total_amount: 2.5,
      total_tax: 0.2,
      uses_merchant_override_values: true,
    });
  });

  it('the control API refunds by SKU, by amount, or everything left, firing store/order/refund/created', async () => {
    const receiver = await WebhookReceiver.start();
    await sb.api('POST', '/v3/hooks', { body: { scope: 'store/order/refund/created', destination: receiver.url() } });
    const id = await sb.placeOrder({
      customerEmail: 'control.refund@example.com',
      lines: [{ sku: 'SKU-00004', quantity: 3 }],
    });
    const bySku = await sb.control('POST', `/__sandbox/bigcommerce/orders/${id}/refunds`, {
      items: [{ sku: 'SKU-00004', quantity: 1 }],
    });
    expect(bySku.status).toBe(201);
    expect(
      (await sb.control('POST', `/__sandbox/bigcommerce/orders/${id}/refunds`, { amount: '1.50' })).json<Json>().amount,
    ).toBe('1.50');
    expect((await sb.control('POST', `/__sandbox/bigcommerce/orders/${id}/refunds`, {})).status).toBe(201);
    const o = await order(id);
    expect(o.status_id).toBe(4);
    expect(Decimal.parse(o.refunded_amount).eq(o.total_inc_tax)).toBe(true);
    expect((await sb.control('POST', `/__sandbox/bigcommerce/orders/${id}/refunds`, {})).status).toBe(422);
    expect((await sb.control('POST', '/__sandbox/bigcommerce/orders/424242/refunds', {})).status).toBe(404);
    const refundIds = (await receiver.waitFor((p) => (p.data as Json).id === id, 3)).map(
      (d) => JSON.parse(d.body).data.refund.refund_id,
    );
    expect(new Set(refundIds).size).toBe(3);
    await receiver.close();
  });
});
