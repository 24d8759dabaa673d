import { Decimal } from '@mlc/platform-money';
import { parseControlBody } from '../../core/control';
import type { Router, SandboxRequest, SandboxResponse } from '../../core/router';
import type { BigCommerceServices } from '../routes/services';
import { findOrder } from '../routes/services';
import type { ControlRefundRequest } from '../shop/order-request';
import { changeStatusSchema, controlRefundSchema, placeOrderSchema } from '../shop/order-request';
import { storeNow } from '../shop/order-service';
import type { RefundItemRequest } from '../pricing/refund-calculator';
import { DEFAULT_LOCATION_ID, itemKey } from '../store/inventory-store';
import type { Order } from '../store/model';
import { ALL_SCOPES, applySettingsPatch, settingsPatchSchema } from '../store/store-settings';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import { newAccountSchema, newLocationSchema, newProductSchema, skuPatchSchema } from './control-schemas';
import { stateSnapshot } from './state-snapshot';

const PREFIX = '/__sandbox/bigcommerce';
const fail = (status: number, error: string): SandboxResponse => ({ status, body: { error } });

/** The BigCommerce control API: shopper orders, merchant actions and store settings. */
export function registerBigCommerceControl(router: Router, s: BigCommerceServices, webhooks: WebhookDispatcher): void {
  router.add('POST', `${PREFIX}/orders`, (req) => {
    const parsed = parseControlBody(req, placeOrderSchema);
    if (!parsed.ok) return parsed.response;
    const placed = s.orders.place(parsed.value);
    if (!placed.ok) return fail(placed.status, placed.error);
    return { status: 201, body: { id: placed.value.id, total_inc_tax: placed.value.totalIncTax.toFixed(2) } };
  });
  router.add('POST', `${PREFIX}/orders/:id/status`, (req) => {
    const order = findOrder(s, req.params.id);
    if (!order) return fail(404, `order ${req.params.id} not found`);
    const parsed = parseControlBody(req, changeStatusSchema);
    if (!parsed.ok) return parsed.response;
    s.orders.changeStatus(order, parsed.value.statusId);
    return { status: 200, body: { id: order.id, statusId: order.statusId } };
  });
  router.add('POST', `${PREFIX}/orders/:id/refunds`, async (req) => {
    const order = findOrder(s, req.params.id);
    if (!order) return fail(404, `order ${req.params.id} not found`);
    const parsed = parseControlBody(req, controlRefundSchema);
    if (!parsed.ok) return parsed.response;
    const items = refundItems(order, parsed.value);
    if (typeof items === 'string') return fail(422, items);
    const outcome = await s.refunds.create(order, {
      items,
      override: refundAllOverride(s, order, parsed.value, items),
    });
    if (!outcome.ok) return fail(outcome.status, outcome.title);
    return { status: 201, body: { refundId: outcome.refund.id, amount: outcome.refund.totalAmount.toFixed(2) } };
  });
  router.add('GET', `${PREFIX}/settings`, () => ({
    status: 200,
    body: (stateSnapshot(s.state) as { settings: unknown }).settings,
  }));
  router.add('PUT', `${PREFIX}/settings`, (req) => {
    const parsed = parseControlBody(req, settingsPatchSchema);
    if (!parsed.ok) return parsed.response;
    if (parsed.value.timezone && !validZone(parsed.value.timezone))
      return fail(400, `unknown time zone ${parsed.value.timezone}`);
    applySettingsPatch(s.state.settings, parsed.value);
    return { status: 200, body: (stateSnapshot(s.state) as { settings: unknown }).settings };
  });
  router.add('POST', `${PREFIX}/api-accounts`, (req) => {
    const parsed = parseControlBody(req, newAccountSchema);
    if (!parsed.ok) return parsed.response;
    const { accessToken, clientId, clientSecret, scopes } = parsed.value;
    s.state.settings.accounts = s.state.settings.accounts.filter((a) => a.accessToken !== accessToken);
    s.state.settings.accounts.push({
      accessToken,
      clientId,
      clientSecret: clientSecret ?? `${clientId}-secret`,
      scopes: scopes ?? ALL_SCOPES,
    });
    return { status: 201, body: { clientId, scopes: scopes ?? ALL_SCOPES } };
  });
  router.add('POST', `${PREFIX}/products`, (req) => createProduct(s, req));
  router.add('PATCH', `${PREFIX}/skus/:sku`, (req) => patchSku(s, req));
  router.add('POST', `${PREFIX}/locations`, (req) => {
    const parsed = parseControlBody(req, newLocationSchema);
    if (!parsed.ok) return parsed.response;
    const location = s.state.inventory.addLocation(parsed.value.code, parsed.value.label, storeNow(s.clock));
    return { status: 201, body: { id: location.id } };
  });
  router.add('GET', `${PREFIX}/webhook-deliveries`, () => {
    const deliveries = webhooks.deliveries();
    return { status: 200, body: { count: deliveries.length, deliveries } };
  });
  router.add('GET', `${PREFIX}/state`, () => ({ status: 200, body: stateSnapshot(s.state) }));
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Control refunds by SKU (PRODUCT items), by amount (an ORDER item), or everything still refundable when empty. */
function refundItems(order: Order, req: ControlRefundRequest): RefundItemRequest[] | string {
  const items: RefundItemRequest[] = [];
  for (const wanted of req.items ?? []) {
    const line = order.lines.find((l) => l.sku === wanted.sku && l.quantity - l.quantityRefunded >= wanted.quantity);
    if (!line) return `order ${order.id} has no line for ${wanted.sku} with ${wanted.quantity} refundable`;
    items.push({ itemType: 'PRODUCT', itemId: line.id, quantity: wanted.quantity, reason: req.reason });
  }
  if (req.amount)
    items.push({ itemType: 'ORDER', itemId: order.id, amount: Decimal.parse(req.amount), reason: req.reason });
  if (items.length > 0) return items;
  for (const line of order.lines) {
    const left = line.quantity - line.quantityRefunded;
    if (left > 0) items.push({ itemType: 'PRODUCT', itemId: line.id, quantity: left, reason: req.reason });
  }
  for (const address of order.shippingAddresses) {
    const left = address.baseCost.minus(address.refundedEntered);
    if (left.gt(0)) items.push({ itemType: 'SHIPPING', itemId: address.id, amount: left, reason: req.reason });
  }
  return items.length > 0 ? items : `order ${order.id} has nothing left to refund`;
}

/**
 * "Refund everything left" after order-level refunds: those are not attributed to lines, so the remaining lines and
 * shipping can exceed what is left on the order; the merchant then refunds exactly what is left.
 */
function refundAllOverride(
  s: BigCommerceServices,
  order: Order,
  req: ControlRefundRequest,
  items: RefundItemRequest[],
) {
  if (req.items || req.amount) return undefined;
  const quoted = s.refunds.quote(order, { items });
  const left = order.totalIncTax.minus(order.refundedAmount);
  if (quoted.ok && !quoted.quote.total.gt(left)) return undefined;
  const tax = quoted.ok ? Decimal.min(quoted.quote.tax, left) : Decimal.ZERO;
  return { total: left, tax };
}

function createProduct(s: BigCommerceServices, req: SandboxRequest): SandboxResponse {
  const parsed = parseControlBody(req, newProductSchema);
  if (!parsed.ok) return parsed.response;
  const p = parsed.value;
  const skus = [p.sku, ...p.variants.map((v) => v.sku)];
  const taken = skus.find((sku, i) => s.state.catalog.hasSku(sku) || skus.indexOf(sku) !== i);
  if (taken) return fail(409, `SKU ${taken} is already in use`);
  const product = s.state.catalog.add(
    {
      name: p.name,
      sku: p.sku,
      price: Decimal.parse(p.price),
      type: p.type,
      inventoryTracking: p.inventoryTracking,
      allowBackorders: p.allowBackorders,
      variants: p.variants.map((v) => ({
        sku: v.sku,
        price: v.price ? Decimal.parse(v.price) : null,
        optionLabel: v.optionLabel,
      })),
    },
    storeNow(s.clock),
  );
  if (p.variants.length === 0) s.state.inventory.setOnHand(DEFAULT_LOCATION_ID, `p${product.id}`, p.inventory);
  p.variants.forEach((v, i) =>
    s.state.inventory.setOnHand(DEFAULT_LOCATION_ID, `v${product.variants[i]!.id}`, v.inventory),
  );
  if (p.variants.length > 0 && product.inventoryTracking === 'product')
    s.state.inventory.setOnHand(DEFAULT_LOCATION_ID, `p${product.id}`, p.inventory);
  s.events.productCreated(product.id);
  return {
    status: 201,
    body: { id: product.id, variants: product.variants.map((v) => ({ id: v.id, sku: v.sku, sku_id: v.skuId })) },
  };
}

function patchSku(s: BigCommerceServices, req: SandboxRequest): SandboxResponse {
  const hit = s.state.catalog.bySku(req.params.sku ?? '');
  if (!hit) return fail(404, `SKU ${req.params.sku} not found`);
  const parsed = parseControlBody(req, skuPatchSchema);
  if (!parsed.ok) return parsed.response;
  const { allowBackorders, purchasingDisabled, stock, safetyStock } = parsed.value;
  if (allowBackorders !== undefined) hit.product.allowBackorders = allowBackorders;
  if (purchasingDisabled !== undefined && hit.variant) hit.variant.purchasingDisabled = purchasingDisabled;
  hit.product.revision += 1;
  const key = itemKey(hit.product, hit.variant);
  if (stock !== undefined) s.inventory.setFromCatalog(hit.product, hit.variant, stock);
  if (safetyStock !== undefined) {
    if (!s.state.inventory.level(DEFAULT_LOCATION_ID, key)) s.state.inventory.setOnHand(DEFAULT_LOCATION_ID, key, 0);
    s.state.inventory.level(DEFAULT_LOCATION_ID, key)!.safetyStock = safetyStock;
  }
  return {
    status: 200,
    body: {
      sku: req.params.sku,
      stock: s.state.inventory.onHand(DEFAULT_LOCATION_ID, key),
      allowBackorders: hit.product.allowBackorders,
    },
  };
}
