import { Decimal } from '@mlc/platform-money';
import { dialogError } from '../api/bc-error';
import type { RequestContext } from '../resources/entity-set';
import type { Row, Value } from '../store/table';
import { amountPlaces, lineAmount } from './document-calc';
import { copyDocument } from './document-copy';
import { linesOf } from './document-header';
import { INVOICE, ORDER } from './document-kind';
import { addToBalance, assertPostable, freezeAsPosted, moveStock } from './posting';

const dec = (v: Value | undefined): Decimal => (v instanceof Decimal ? v : Decimal.ZERO);

interface LinePlan {
  readonly line: Row;
  readonly ship: Decimal;
  readonly invoice: Decimal;
}

function plan(lines: Row[]): LinePlan[] {
  return lines
    .filter((l) => l.data.lineType !== 'Comment')
    .map((line) => {
      const ship = dec(line.data.shipQuantity);
      const shippedAfter = dec(line.data.shippedQuantity).plus(ship);
      const uninvoiced = shippedAfter.minus(dec(line.data.invoicedQuantity));
      return { line, ship, invoice: Decimal.min(dec(line.data.invoiceQuantity), uninvoiced) };
    });
}

/**
 * `Microsoft.NAV.shipAndInvoice`: ships the lines' "Qty. to Ship", invoices what is shipped, and creates a posted
 * invoice with a new id pointing back through orderId/orderNumber. A completely shipped and invoiced order is
 * deleted, so a later GET of the order answers 404.
 */
export function shipAndInvoice(ctx: RequestContext, order: Row): void {
  const lines = linesOf(ctx, ORDER, order);
  const plans = plan(lines);
  if (!plans.some((p) => !p.ship.isZero() || !p.invoice.isZero())) throw dialogError('There is nothing to post.');
  assertPostable(ctx, order, lines, ['Ship', 'Invoice', 'All']);
  const shipmentNumber = ctx.company.series.next('salesShipment');
  moveStock(
    ctx,
    order,
    plans.map((p) => ({ line: p.line, quantity: p.ship.negated(), amount: shippedAmount(ctx, order, p) })),
    'Sales Shipment',
    shipmentNumber,
  );
  const invoiced = plans.filter((p) => !p.invoice.isZero());
  if (invoiced.length > 0) createPostedInvoice(ctx, order, lines, invoiced);
  for (const p of plans) {
    const shipped = dec(p.line.data.shippedQuantity).plus(p.ship);
    const invoicedQty = dec(p.line.data.invoicedQuantity).plus(p.invoice);
    const quantity = dec(p.line.data.quantity);
    ctx.company.salesOrderLines.patch(p.line, {
      shippedQuantity: shipped,
      invoicedQuantity: invoicedQty,
      shipQuantity: quantity.minus(shipped),
      invoiceQuantity: quantity.minus(invoicedQty),
    });
  }
  const complete = plans.every((p) => dec(p.line.data.invoicedQuantity).eq(dec(p.line.data.quantity)));
  if (complete) {
    for (const line of lines) ctx.company.salesOrderLines.delete(line);
    ctx.company.salesOrders.delete(order);
  } else {
    ctx.company.salesOrders.touch(order);
  }
}

function shippedAmount(ctx: RequestContext, order: Row, p: LinePlan): Decimal {
  const quantity = dec(p.line.data.quantity);
  if (quantity.isZero()) return Decimal.ZERO;
  const places = amountPlaces(ctx, String(order.data.currencyCode ?? ''));
  return lineAmount(p.line, places).times(p.ship).dividedBy(quantity).round(places);
}

function createPostedInvoice(ctx: RequestContext, order: Row, lines: Row[], invoiced: LinePlan[]): void {
  const places = amountPlaces(ctx, String(order.data.currencyCode ?? ''));
  const quantities = new Map(lines.map((l) => [l.id, Decimal.ZERO]));
  for (const p of invoiced) quantities.set(p.line.id, p.invoice);
  const invoice = copyDocument(ctx, ORDER, order, INVOICE, {
    header: { orderId: order.id, orderNumber: String(order.data.number) },
    quantities,
  });
  const orderBase = Decimal.sum(lines.filter((l) => l.data.lineType !== 'Comment').map((l) => lineAmount(l, places)));
  const invoicedBase = Decimal.sum(
    invoiced.map((p) => lineAmount(p.line, places).times(p.invoice).dividedBy(dec(p.line.data.quantity)).round(places)),
  );
  const discount = dec(order.data.discountAmount);
  if (!discount.isZero() && !orderBase.isZero()) {
    ctx.company.salesInvoices.patch(invoice, { discountAmount: discount.times(invoicedBase).dividedBy(orderBase).round(places) });
  }
  const amounts = freezeAsPosted(ctx, INVOICE, invoice);
  addToBalance(ctx, invoice, amounts.totalAmountIncludingTax);
}
