import type { Command } from 'commander';
import { z } from 'zod';
import { createBigCommerceApi } from '@mlc/bigcommerce';
import { createBusinessCentral, type BusinessCentral } from '@mlc/business-central';
import type { Connection } from '@mlc/connections';
import { Decimal } from '@mlc/platform-money';
import type { DataSource } from '@mlc/platform-persistence';
import { withContext } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { Output } from '../output';
import { BC_WRITER_SCHEMA } from './mappings-context';
import { reconcile, renderReconciliation, zeroFigures, type BcOrderFigures, type Figures, type StoreOrderFigures } from './reconcile-core';

interface ReconcileOptions {
  connection: string;
  from: string;
  to: string;
  json?: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The widest UTC offset (+14:00): listing starts this much before `from` so no order of the first local day is missed. */
const WIDEST_OFFSET_MS = 14 * 3_600_000;

const money = z.union([z.string(), z.number()]).optional().transform((v) => (v === undefined || v === '' ? Decimal.ZERO : Decimal.from(v)));
const storeOrder = z.looseObject({
  id: z.number().int(),
  date_created: z.string(),
  status_id: z.number().int(),
  is_deleted: z.boolean().optional(),
  currency_code: z.string().optional(),
  total_inc_tax: money,
  total_tax: money,
  discount_amount: money,
  coupon_discount: money,
  shipping_cost_ex_tax: money,
  refunded_amount: money,
});

/** `reconcile`: store totals against BC documents per day in the connection's time zone, naming the orders that break. */
export function registerReconcileCommand(program: Command): void {
  program
    .command('reconcile')
    .description("Compare the store's order totals (orders, discounts, shipping, tax, refunds) with BC's documents per day; exit 5 when something breaks")
    .requiredOption('--connection <id>', 'the connection')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD, in the connection time zone)')
    .requiredOption('--to <date>', 'last day, inclusive (YYYY-MM-DD)')
    .option('--json', 'machine-readable output')
    .action((opts: ReconcileOptions) => run(opts));
}

async function run(opts: ReconcileOptions): Promise<void> {
  for (const [name, value] of [['--from', opts.from], ['--to', opts.to]] as const) {
    if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new CliError(`${name} must be a day such as 2026-11-28, not "${value}"`, EXIT.usage);
  }
  if (opts.from > opts.to) throw new CliError(`--from ${opts.from} is after --to ${opts.to}`, EXIT.usage);
  if (Date.parse(opts.to) - Date.parse(opts.from) > 92 * 86_400_000) throw new CliError('reconcile at most 93 days at once', EXIT.usage);
  await withContext(async (ctx) => {
    const registry = await ctx.registry();
    const connection = await registry.get(opts.connection);
    if (!connection) throw new CliError(`connection ${opts.connection} does not exist`, EXIT.notFound);
    const creds = await registry.credentials(connection.id);
    const settings = connection.settings.orders;
    const store = createBigCommerceApi({
      storeHash: connection.bigcommerce.storeHash,
      accessToken: creds.bigcommerceAccessToken,
      connectionId: connection.id,
      apiUrl: ctx.config.BIGCOMMERCE_API_URL,
    });
    ctx.onClose(() => store.close());
    const bc = createBusinessCentral({
      connectionId: connection.id,
      tenantId: connection.businessCentral.tenantId,
      environment: connection.businessCentral.environment,
      companyId: connection.businessCentral.companyId,
      clientId: connection.businessCentral.clientId,
      clientSecret: creds.bcClientSecret,
      apiUrl: ctx.config.BC_API_URL,
      authorityUrl: ctx.config.ENTRA_AUTHORITY_URL,
    });
    ctx.onClose(() => bc.close());

    const orders: StoreOrderFigures[] = [];
    for await (const summary of store.listOrdersModifiedSince(new Date(Date.parse(`${opts.from}T00:00:00Z`) - WIDEST_OFFSET_MS))) {
      const o = storeOrder.parse(summary);
      orders.push({
        orderId: o.id,
        createdAt: new Date(o.date_created).toISOString(),
        statusId: o.status_id,
        deleted: o.is_deleted ?? false,
        currency: o.currency_code ?? '',
        figures: {
          total: o.total_inc_tax,
          discounts: o.discount_amount.plus(o.coupon_discount),
          shipping: o.shipping_cost_ex_tax,
          tax: o.total_tax,
          refunds: o.refunded_amount,
        },
      });
    }
    const db = await ctx.schema(BC_WRITER_SCHEMA);
    const wanted = orders.filter((o) => !o.deleted && settings.syncableStatuses.includes(o.statusId));
    const bcFigures = new Map<number, BcOrderFigures>();
    for (const order of wanted) bcFigures.set(order.orderId, await documentFigures(db, bc, connection, order.orderId));
    const result = reconcile({
      from: opts.from,
      to: opts.to,
      timeZone: settings.timeZone,
      tolerance: settings.totalsTolerance,
      syncableStatuses: settings.syncableStatuses,
      orders,
      bc: bcFigures,
    });
    new Output(!!opts.json).result({ connectionId: connection.id, ...result }, () => renderReconciliation(result));
    if (result.breaks.length > 0) process.exitCode = EXIT.breaks;
  });
}

interface LedgerRow {
  state: string;
  documentType: string | null;
  documentId: string | null;
  invoiceId: string | null;
}

/** The order's BC document (the invoice once a sales order is invoiced) and its posted credit memos, as BC has them now. */
async function documentFigures(db: DataSource, bc: BusinessCentral, connection: Connection, orderId: number): Promise<BcOrderFigures> {
  const [row]: LedgerRow[] = await db.query(
    `select state, bc_document_type as "documentType", bc_document_id as "documentId", bc_invoice_id as "invoiceId"
     from order_ledger where connection_id = $1 and order_id = $2`,
    [connection.id, orderId],
  );
  if (!row) return { found: false, why: 'bc-writer has not handled it (no ledger row)' };
  if (!row.documentId) return { found: false, why: `ledger state ${row.state}` };
  const document =
    row.invoiceId || row.documentType !== 'salesOrder'
      ? await bc.salesInvoices.get(row.invoiceId ?? row.documentId)
      : await bc.salesOrders.get(row.documentId);
  if (!document) return { found: false, why: `document ${row.documentId} is not in BC any more (ledger state ${row.state})` };
  const lines = ('salesInvoiceLines' in document ? document.salesInvoiceLines : 'salesOrderLines' in document ? document.salesOrderLines : undefined) ?? [];
  const accounts = connection.settings.orders.accounts;
  const onAccount = (account: string | undefined) =>
    account ? lines.filter((l) => l.lineType === 'Account' && (l.lineObjectNumber ?? '').toUpperCase() === account) : [];
  const net = (l: (typeof lines)[number]) => l.amountExcludingTax ?? l.netAmount ?? l.unitPrice.times(l.quantity);
  const figures: Figures = zeroFigures();
  figures.total = document.totalAmountIncludingTax;
  figures.tax = document.totalTaxAmount;
  figures.shipping = Decimal.sum(onAccount(accounts.shipping).map(net));
  figures.discounts = Decimal.sum(lines.filter((l) => l.lineType === 'Item').map((l) => l.discountAmount ?? Decimal.ZERO))
    .plus(document.discountAmount ?? Decimal.ZERO)
    .minus(Decimal.sum(onAccount(accounts.discounts).map(net)));
  const memos: Array<{ id: string }> = await db.query(
    `select bc_credit_memo_id as id from refund_ledger where connection_id = $1 and order_id = $2 and bc_credit_memo_id is not null`,
    [connection.id, orderId],
  );
  for (const memo of memos) {
    const found = await bc.salesCreditMemos.get(memo.id);
    if (found) figures.refunds = figures.refunds.plus(found.totalAmountIncludingTax);
  }
  return { found: true, documentNumber: document.number, status: document.status, figures };
}
