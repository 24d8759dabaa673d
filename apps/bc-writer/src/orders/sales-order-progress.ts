import type { BcSalesOrderLine, BusinessCentralApi } from '@mlc/business-central';
import { Decimal } from '@mlc/platform-money';
import type { LineMapEntry, OrderLedgerRow } from '../persistence/order-ledger.repository';
import { required } from '../required';

export type SalesOrderProgress =
  | {
      readonly kind: 'open';
      readonly shipped: Record<string, string>;
      /** An invoice BC made from part of the order (partial shipAndInvoice), when there is one. */
      readonly invoice?: { readonly id: string; readonly number: string };
    }
  | { readonly kind: 'invoiced'; readonly invoice: { readonly id: string; readonly number: string } }
  | { readonly kind: 'missing' };

/**
 * What BC did with a connector sales order (sales-order mode): the quantities shipped per store SKU while it is
 * open, or the invoice BC made once it shipped and invoiced everything (the sales order is then gone, and the
 * invoice carries its number in `orderNumber`).
 */
export async function readSalesOrderProgress(
  api: BusinessCentralApi,
  row: Pick<OrderLedgerRow, 'documentId' | 'documentNumber' | 'lineMap'>,
): Promise<SalesOrderProgress> {
  const order = await api.salesOrders.get(required(row.documentId, 'the sales order id'));
  if (order) {
    const lines = order.salesOrderLines ?? [];
    const shipped = shippedBySku(lines, row.lineMap ?? []);
    if (!lines.some((l) => l.invoicedQuantity.gt(0))) return { kind: 'open', shipped };
    const invoice = await invoiceOf(api, order.number);
    return invoice ? { kind: 'open', shipped, invoice } : { kind: 'open', shipped };
  }
  const invoice = await invoiceOf(api, required(row.documentNumber, 'the sales order number'));
  return invoice ? { kind: 'invoiced', invoice } : { kind: 'missing' };
}

async function invoiceOf(api: BusinessCentralApi, orderNumber: string) {
  const invoices = await api.salesInvoices.findByOrderNumber(orderNumber);
  const invoice = invoices.find((i) => i.status !== 'Draft' && i.status !== 'In Review') ?? invoices[0];
  return invoice ? { id: invoice.id, number: invoice.number } : undefined;
}

/** Shipped quantities summed per store SKU, through the line sequences the connector wrote. */
export function shippedBySku(
  lines: ReadonlyArray<Pick<BcSalesOrderLine, 'sequence' | 'shippedQuantity'>>,
  lineMap: readonly LineMapEntry[],
): Record<string, string> {
  const skuOf = new Map(lineMap.map((e) => [e.sequence, e.sku]));
  const sums = new Map<string, Decimal>();
  for (const line of lines) {
    const sku = skuOf.get(line.sequence);
    if (sku !== undefined) sums.set(sku, (sums.get(sku) ?? Decimal.ZERO).plus(line.shippedQuantity));
  }
  return Object.fromEntries([...sums].map(([sku, q]) => [sku, q.toString()]));
}

export function sameShipped(a: Readonly<Record<string, string>> | null, b: Readonly<Record<string, string>>): boolean {
  const left = a ?? {};
  const keys = new Set([...Object.keys(left), ...Object.keys(b)]);
  return [...keys].every((k) => Decimal.parse(left[k] ?? '0').eq(b[k] ?? '0'));
}
