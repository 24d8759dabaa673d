import { dialogError } from '../api/bc-error';
import { assertDiscountFits, createHeader, deleteHeader, linesOf, projectHeader, updateHeader } from '../documents/document-header';
import { CREDIT_MEMO, DocumentKind, INVOICE, ORDER } from '../documents/document-kind';
import { LINE_AMOUNT_FIELDS } from '../documents/document-calc';
import { createLine, deleteLine, projectLine, updateLine } from '../documents/document-lines';
import {
  cancelInvoice,
  makeCorrectiveCreditMemo,
  postCreditMemo,
  postInvoice,
  sendInvoice,
} from '../documents/invoice-actions';
import { shipAndInvoice } from '../documents/order-posting';
import { validateBody } from '../model/validate-body';
import type { Row } from '../store/table';
import type { EntitySet, Navigation, ParentRef, RequestContext } from './entity-set';
import { stringOf } from './lookups';

type Action = (ctx: RequestContext, row: Row) => void;

/** Header fields the projection computes (totals, status, LCY mapping, numbers of related customers). */
const HEADER_COMPUTED: ReadonlySet<string> = new Set([
  'customerNumber',
  'billToCustomerNumber',
  'currencyCode',
  'currencyId',
  'pricesIncludeTax',
  'discountAppliedBeforeTax',
  'totalAmountExcludingTax',
  'totalTaxAmount',
  'totalAmountIncludingTax',
  'status',
  'remainingAmount',
  'fullyShipped',
]);

function single(row: Row | undefined): Row[] {
  return row ? [row] : [];
}

function lineSet(kind: DocumentKind): EntitySet {
  return {
    name: kind.lineSet,
    entityType: kind.lineType,
    caption: 'Sales Line',
    fields: kind.lineFields,
    computedFields: new Set([...LINE_AMOUNT_FIELDS, 'discountAppliedBeforeTax']),
    defaultOrder: ['documentId', 'sequence'],
    insertAllowed: true,
    modifyAllowed: true,
    deleteAllowed: true,
    requiresDocumentFilter: true,
    navigations: {
      item: { target: 'items', many: false, resolve: (ctx, row) => single(ctx.company.items.get(stringOf(row.data.itemId))) },
      account: {
        target: 'accounts',
        many: false,
        resolve: (ctx, row) => single(ctx.company.accounts.get(stringOf(row.data.accountId))),
      },
    },
    table: (ctx) => kind.lines(ctx.company),
    rows: (ctx, parent) => (parent ? linesOf(ctx, kind, parent.row) : kind.lines(ctx.company).all()),
    project: (ctx, row) => projectLine(ctx, kind, row),
    create: (ctx, input, parent) => {
      const documentId = input.values.get('documentId') as string | undefined;
      const header = parent?.row ?? (documentId ? kind.headers(ctx.company).get(documentId) : undefined);
      if (!header) throw dialogError(`The "documentId" does not match to a ${kind.caption}.`);
      return createLine(ctx, kind, header, input);
    },
    update: (ctx, row, input) => updateLine(ctx, kind, row, input),
    remove: (ctx, row) => deleteLine(ctx, kind, row),
  };
}

function headerSet(kind: DocumentKind, lines: EntitySet, actions: Record<string, Action>): EntitySet {
  const linesNavigation: Navigation = {
    target: kind.lineSet,
    many: true,
    parentField: 'documentId',
    resolve: (ctx, row) => linesOf(ctx, kind, row),
  };
  const set: EntitySet = {
    name: kind.headerSet,
    entityType: kind.headerType,
    caption: kind.caption,
    fields: kind.headerFields,
    computedFields: HEADER_COMPUTED,
    defaultOrder: ['number'],
    insertAllowed: true,
    modifyAllowed: true,
    deleteAllowed: true,
    actions,
    navigations: {
      [kind.lineSet]: linesNavigation,
      customer: {
        target: 'customers',
        many: false,
        resolve: (ctx, row) => single(ctx.company.customers.get(stringOf(row.data.customerId))),
      },
    },
    table: (ctx) => kind.headers(ctx.company),
    rows: (ctx) => kind.headers(ctx.company).all(),
    project: (ctx, row) => projectHeader(ctx, kind, row),
    create: (ctx, input) => {
      const header = createHeader(ctx, kind, input);
      const parent: ParentRef = { set, row: header, navigation: linesNavigation };
      for (const body of input.parts.get(kind.lineSet) ?? []) {
        lines.create!(ctx, validateBody(lines, body, false), parent);
      }
      assertDiscountFits(ctx, kind, header);
      return header;
    },
    update: (ctx, row, input) => updateHeader(ctx, kind, row, input),
    remove: (ctx, row) => deleteHeader(ctx, kind, row),
  };
  return set;
}

const unsupportedCancel: Action = () => {
  throw dialogError('Canceling a posted credit memo is not simulated by the sandbox.');
};
const sendCreditMemo: Action = (ctx, row) => {
  if (row.data.posted !== true) postCreditMemo(ctx, row);
};

export const salesOrderLinesSet = lineSet(ORDER);
export const salesInvoiceLinesSet = lineSet(INVOICE);
export const salesCreditMemoLinesSet = lineSet(CREDIT_MEMO);

/** APIV2 - Sales Orders: the only bound action is shipAndInvoice. */
export const salesOrdersSet = headerSet(ORDER, salesOrderLinesSet, { shipAndInvoice });

/** APIV2 - Sales Invoices: drafts and posted invoices in one set. */
export const salesInvoicesSet = headerSet(INVOICE, salesInvoiceLinesSet, {
  post: postInvoice,
  postAndSend: postInvoice,
  send: sendInvoice,
  cancel: cancelInvoice,
  cancelAndSend: cancelInvoice,
  makeCorrectiveCreditMemo,
});

export const salesCreditMemosSet = headerSet(CREDIT_MEMO, salesCreditMemoLinesSet, {
  post: postCreditMemo,
  postAndSend: postCreditMemo,
  send: sendCreditMemo,
  cancel: unsupportedCancel,
  cancelAndSend: unsupportedCancel,
});
