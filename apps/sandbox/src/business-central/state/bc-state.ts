import { Decimal } from '@mlc/platform-money';
import { BC_DEFAULTS } from '../bc-identity';
import { linesOf, projectHeader } from '../documents/document-header';
import { projectLine } from '../documents/document-lines';
import { DOCUMENT_KINDS } from '../documents/document-kind';
import type { RequestContext } from '../resources/entity-set';
import type { Subscription } from '../subscriptions/subscription-store';
import { projectSubscription } from '../subscriptions/subscription-store';

const LINE_FIELDS = ['sequence', 'lineType', 'lineObjectNumber', 'description', 'quantity', 'unitPrice', 'discountAmount', 'taxCode', 'amountExcludingTax', 'totalTaxAmount', 'netAmount', 'netTaxAmount', 'shippedQuantity', 'invoicedQuantity'];
const HEADER_FIELDS = ['id', 'number', 'status', 'externalDocumentNumber', 'customerNumber', 'customerName', 'currencyCode', 'orderNumber', 'invoiceNumber', 'discountAmount', 'totalAmountExcludingTax', 'totalTaxAmount', 'totalAmountIncludingTax', 'remainingAmount', 'lastModifiedDateTime'];

function pick(entity: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((n) => n in entity).map((n) => [n, entity[n]]));
}

/** `GET /__sandbox/state` for BC: documents with lines, customers, items' stock and prices, subscriptions. */
export function bcState(ctx: RequestContext, subscriptions: Subscription[]): unknown {
  const { company } = ctx;
  const documents = Object.fromEntries(
    DOCUMENT_KINDS.map((kind) => [
      kind.headerSet,
      kind
        .headers(company)
        .all()
        .map((header) => ({
          ...pick(projectHeader(ctx, kind, header), HEADER_FIELDS),
          lines: linesOf(ctx, kind, header).map((line) => pick(projectLine(ctx, kind, line), LINE_FIELDS)),
        })),
    ]),
  );
  const num = (v: unknown) => (v instanceof Decimal ? v.toWireNumber() : 0);
  return {
    tenantId: BC_DEFAULTS.tenantId,
    environment: ctx.env.name,
    company: { id: company.id, name: company.name },
    items: company.items.all().map((i) => ({
      number: i.data.number,
      type: i.data.type,
      blocked: i.data.blocked,
      unitPrice: num(i.data.unitPrice),
      inventory: num(i.data.inventory),
      lastModifiedDateTime: new Date(i.modifiedAt).toISOString(),
    })),
    customers: company.customers.all().map((c) => ({
      id: c.id,
      number: c.data.number,
      displayName: c.data.displayName,
      email: c.data.email,
      blocked: c.data.blocked,
      balanceDue: num(c.data.balanceDue),
    })),
    documents,
    itemLedgerEntries: company.itemLedgerEntries.size,
    subscriptions: subscriptions.map(projectSubscription),
  };
}
