import { NumberSeries } from './number-series';
import { Table, TableContext } from './table';

/** Every table of one company; tables of webhook-capable entity sets notify their subscriptions. */
export class CompanyData {
  readonly customers: Table;
  readonly items: Table;
  readonly itemVariants: Table;
  readonly itemCategories: Table;
  readonly itemLedgerEntries: Table;
  readonly unitsOfMeasure: Table;
  readonly locations: Table;
  readonly accounts: Table;
  readonly currencies: Table;
  readonly paymentTerms: Table;
  readonly paymentMethods: Table;
  readonly shipmentMethods: Table;
  readonly taxAreas: Table;
  readonly taxGroups: Table;
  readonly salesOrders: Table;
  readonly salesOrderLines: Table;
  readonly salesInvoices: Table;
  readonly salesInvoiceLines: Table;
  readonly salesCreditMemos: Table;
  readonly salesCreditMemoLines: Table;
  readonly series: NumberSeries;
  /** When the company was created (companies.systemCreatedAt). */
  readonly createdAt: number;

  constructor(
    readonly id: string,
    readonly name: string,
    context: Omit<TableContext, 'companyId'>,
  ) {
    const ctx: TableContext = { ...context, companyId: id };
    const table = (notifies: string | undefined, indexed: string[] = [], grouped: string[] = []) =>
      new Table(ctx, { notifies, indexed, grouped });
    const code = ['code'];
    const number = ['number'];
    this.customers = table('customers', number);
    this.items = table('items', number);
    this.itemVariants = table(undefined, [], ['itemId']);
    this.itemCategories = table('itemCategories', code);
    this.itemLedgerEntries = table(undefined, [], ['itemId']);
    this.unitsOfMeasure = table('unitsOfMeasure', code);
    this.locations = table(undefined, code);
    this.accounts = table('accounts', number);
    this.currencies = table('currencies', code);
    this.paymentTerms = table('paymentTerms', code);
    this.paymentMethods = table('paymentMethods', code);
    this.shipmentMethods = table('shipmentMethods', code);
    this.taxAreas = table(undefined, code);
    this.taxGroups = table(undefined, code);
    const documents = ['customerId'];
    const lines = ['documentId', 'itemId'];
    this.salesOrders = table('salesOrders', number, documents);
    this.salesOrderLines = table(undefined, [], lines);
    this.salesInvoices = table('salesInvoices', number, documents);
    this.salesInvoiceLines = table(undefined, [], lines);
    this.salesCreditMemos = table('salesCreditMemos', number, documents);
    this.salesCreditMemoLines = table(undefined, [], lines);
    this.series = new NumberSeries(context.uow);
    this.createdAt = context.now();
  }

  /** Empties every table and number series (reset and seed; no notifications). */
  clear(): void {
    for (const value of Object.values(this)) if (value instanceof Table) value.clear();
    this.series.clear();
  }
}
