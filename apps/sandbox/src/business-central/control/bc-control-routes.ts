import { Decimal } from '@mlc/platform-money';
import { z } from 'zod';
import { parseControlBody } from '../../core/control';
import type { Router, SandboxResponse } from '../../core/router';
import { BcError } from '../api/bc-error';
import { BC_DEFAULTS } from '../bc-identity';
import { bcSettingsPatchSchema, BcSettings } from '../bc-settings';
import type { BusinessCentralSandbox } from '../bc-sandbox';
import { addToBalance } from '../documents/posting';
import type { RequestContext } from '../resources/entity-set';
import { adjustInventory, itemsSet } from '../resources/items';

const money = z.union([
  z.string().regex(/^-?\d+(\.\d{1,5})?$/, 'a decimal string such as "19.99"'),
  z.number().finite(),
]);
const toDecimal = (v: string | number) => (typeof v === 'string' ? Decimal.parse(v) : Decimal.fromWireNumber(v));

const itemChangeSchema = z
  .object({
    unitPrice: money.optional(),
    inventory: money.optional(),
    blocked: z.boolean().optional(),
    displayName: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one of unitPrice, inventory, blocked, displayName' });

const clientSchema = z.object({ clientId: z.string().min(1), secret: z.string().min(1) }).strict();
const paySchema = z.object({ amount: money.optional() }).strict();

function controlError(status: number, message: string): SandboxResponse {
  return { status, body: { error: message } };
}

/**
 * `/__sandbox/business-central/...`: change items like a BC user would (a price change notifies, an inventory change
 * is a silent item journal posting), tune settings, register Entra clients, pay invoices, inspect subscriptions.
 */
export function registerBcControlRoutes(router: Router, bc: BusinessCentralSandbox): void {
  const base = '/__sandbox/business-central';
  router.add('POST', `${base}/items/:number`, (req) => {
    const parsed = parseControlBody(req, itemChangeSchema);
    if (!parsed.ok) return parsed.response;
    const ctx = bc.context();
    const item = ctx.company.items.findBy('number', req.params.number!.toUpperCase());
    if (!item) return controlError(404, `no item with number ${req.params.number}`);
    try {
      bc.env.uow.atomic(() => applyItemChange(ctx, item.id, parsed.value));
    } catch (err) {
      if (err instanceof BcError) return controlError(400, err.message);
      throw err;
    }
    return { status: 200, body: itemsSet.project(ctx, ctx.company.items.get(item.id)!) };
  });
  router.add('GET', `${base}/settings`, () => ({ status: 200, body: bc.env.settings }));
  router.add('POST', `${base}/settings`, (req) => {
    const parsed = parseControlBody(req, bcSettingsPatchSchema);
    if (!parsed.ok) return parsed.response;
    const { throttle, ...rest } = parsed.value;
    const next: BcSettings = { ...bc.env.settings, ...rest, throttle: { ...bc.env.settings.throttle, ...throttle } };
    bc.env.settings = next;
    return { status: 200, body: next };
  });
  router.add('POST', `${base}/entra/clients`, (req) => {
    const parsed = parseControlBody(req, clientSchema);
    if (!parsed.ok) return parsed.response;
    bc.addClient({ ...parsed.value, tenantId: BC_DEFAULTS.tenantId });
    return { status: 201, body: { clientId: parsed.value.clientId, tenantId: BC_DEFAULTS.tenantId } };
  });
  router.add('POST', `${base}/invoices/:number/pay`, (req) => {
    const parsed = parseControlBody(req, paySchema);
    if (!parsed.ok) return parsed.response;
    const ctx = bc.context();
    const invoice = ctx.company.salesInvoices.findBy('number', req.params.number!.toUpperCase());
    if (!invoice || invoice.data.posted !== true) return controlError(404, `no posted invoice with number ${req.params.number}`);
    const remaining = invoice.data.remainingAmount as Decimal;
    const amount = parsed.value.amount !== undefined ? toDecimal(parsed.value.amount) : remaining;
    if (amount.gt(remaining) || amount.isNegative()) return controlError(400, `amount must be between 0 and ${remaining.toString()}`);
    bc.env.uow.atomic(() => {
      ctx.company.salesInvoices.patch(invoice, { remainingAmount: remaining.minus(amount) });
      addToBalance(ctx, invoice, amount.negated());
    });
    return { status: 200, body: { number: invoice.data.number, remainingAmount: remaining.minus(amount).toWireNumber() } };
  });
  router.add('GET', `${base}/subscriptions`, () => ({ status: 200, body: bc.describeSubscriptions() }));
}

function applyItemChange(ctx: RequestContext, id: string, change: z.infer<typeof itemChangeSchema>): void {
  const item = ctx.company.items.get(id)!;
  const fields: Record<string, Decimal | boolean | string> = {};
  if (change.unitPrice !== undefined) fields.unitPrice = toDecimal(change.unitPrice).round(5);
  if (change.blocked !== undefined) fields.blocked = change.blocked;
  if (change.displayName !== undefined) fields.displayName = change.displayName;
  if (Object.keys(fields).length > 0) ctx.company.items.patch(item, fields);
  if (change.inventory !== undefined) adjustInventory(ctx, item, toDecimal(change.inventory), 'Sandbox adjustment');
}
