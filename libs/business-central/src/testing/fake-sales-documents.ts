import { z } from 'zod';
import { Decimal } from '@mlc/platform-money';
import { isRecordNotFound } from '../client/business-central-errors';
import { BC_PRECISION } from '../client/wire';
import {
  BcSalesCreditMemoCreate,
  BcSalesInvoiceCreate,
  BcSalesOrderCreate,
  salesDocumentBody,
} from '../resources/sales-document-input';
import { FakeRuntime, WireRecord } from './fake-runtime';

/** The three sales document kinds differ only in names; the fake keeps one store per kind. */
export interface DocumentKind {
  readonly set: 'salesOrders' | 'salesInvoices' | 'salesCreditMemos';
  readonly linesKey: 'salesOrderLines' | 'salesInvoiceLines' | 'salesCreditMemoLines';
  readonly dateField: 'orderDate' | 'invoiceDate' | 'creditMemoDate';
  readonly draftPrefix: string;
  readonly postedPrefix: string;
}

/** Lookups into the master data the fake holds (customers, items, G/L accounts). */
export interface MasterData {
  customer(idOrNumber: { id?: string; number?: string }): WireRecord | undefined;
  item(id: string): WireRecord | undefined;
  account(id: string): WireRecord | undefined;
  readonly lcyCode: string;
  readonly taxRate: Decimal;
}

type Input = BcSalesOrderCreate | BcSalesInvoiceCreate | BcSalesCreditMemoCreate;
const ROUND = BC_PRECISION.amount;

/**
 * One kind of sales document in memory, stored in BC's JSON shape and read back through the real schemas. Enforces
 * the rules the connector depends on: customer required and known, items known and not blocked, drafts only for
 * post and delete, ETags on delete, posting keeps the id and changes the number.
 */
export class FakeDocumentStore<S extends z.ZodType> {
  readonly records = new Map<string, WireRecord>();
  private counter = 1000;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly master: MasterData,
    readonly kind: DocumentKind,
    private readonly schema: S,
  ) {}

  create(input: Input): Promise<z.output<S>> {
    return this.rt.call(`POST ${this.kind.set}`, 'create', 'company', () => this.read(this.insert(input)));
  }

  async get(id: string): Promise<z.output<S> | undefined> {
    try {
      return await this.rt.call(`GET ${this.kind.set}({id})`, 'read', 'entity', () =>
        this.read(this.require(`GET ${this.kind.set}({id})`, id)),
      );
    } catch (err) {
      if (isRecordNotFound(err)) return undefined;
      throw err;
    }
  }

  findBy(fieldName: string, value: string): Promise<z.output<S>[]> {
    return this.rt.call(`GET ${this.kind.set}`, 'read', 'company', () =>
      [...this.records.values()].filter((r) => r[fieldName] === value).map((r) => this.read(r)),
    );
  }

  async delete(doc: { id: string; etag: string }): Promise<boolean> {
    const op = `DELETE ${this.kind.set}({id})`;
    try {
      return await this.rt.call(op, 'delete', 'entity', () => {
        const record = this.require(op, doc.id);
        if (record['@odata.etag'] !== doc.etag)
          this.rt.reject(
            op,
            'delete',
            'entity',
            409,
            'Request_EntityChanged',
            'Another user has already changed the record.',
          );
        if (record.status !== 'Draft')
          this.rt.reject(
            op,
            'delete',
            'entity',
            400,
            'Application_DialogException',
            'The document has been posted and can no longer be modified.',
          );
        return this.records.delete(doc.id);
      });
    } catch (err) {
      if (isRecordNotFound(err)) return false;
      throw err;
    }
  }

  action(id: string, name: string, effect: (record: WireRecord) => void): Promise<void> {
    const op = `POST ${this.kind.set}({id})/Microsoft.NAV.${name}`;
    return this.rt.call(op, 'action', 'entity', () => {
      const record = this.require(op, id);
      if (record.status !== 'Draft')
        this.rt.reject(
          op,
          'action',
          'entity',
          400,
          'Application_DialogException',
          'The action can be applied to a draft document only.',
        );
      effect(record);
    });
  }

  /** Drafts become posted: same id, new number, status "Open". */
  post(record: WireRecord): void {
    this.touch(record, {
      status: 'Open',
      number: this.nextNumber(this.kind.postedPrefix),
      remainingAmount: record.totalAmountIncludingTax,
    });
  }

  /** Stores an already built record (posted invoices made from orders). */
  put(record: WireRecord): void {
    this.records.set(record.id as string, record);
  }

  nextNumber(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  read(record: WireRecord): z.output<S> {
    return this.schema.parse(record);
  }

  touch(record: WireRecord, changes: WireRecord): void {
    Object.assign(record, changes, { '@odata.etag': this.rt.etag(), lastModifiedDateTime: this.rt.timestamp() });
  }

  private require(op: string, id: string): WireRecord {
    const record = this.records.get(id.toLowerCase());
    if (!record)
      this.rt.reject(op, 'read', 'entity', 404, 'BadRequest_NotFound', `The ${this.kind.set} does not exist.`);
    return record;
  }

  private insert(input: Input): WireRecord {
    const op = `POST ${this.kind.set}`;
    const body = salesDocumentBody(input, this.kind.linesKey);
    const customer = this.master.customer({
      id: body.customerId as string | undefined,
      number: body.customerNumber as string | undefined,
    });
    if (!customer)
      this.rt.reject(
        op,
        'create',
        'company',
        400,
        'Application_DialogException',
        'The sell-to customer cannot be found.',
      );
    const id = this.rt.id();
    const lines = ((body[this.kind.linesKey] as WireRecord[]) ?? []).map((line, i) => this.buildLine(op, id, line, i));
    const today = this.rt.timestamp().slice(0, 10);
    const record: WireRecord = {
      ...body,
      id,
      number: this.nextNumber(this.kind.draftPrefix),
      [this.kind.dateField]: body[this.kind.dateField] ?? today,
      postingDate: body.postingDate ?? today,
      customerId: customer.id,
      customerNumber: customer.number,
      customerName: customer.displayName,
      currencyCode: body.currencyCode ?? this.master.lcyCode,
      pricesIncludeTax: body.pricesIncludeTax ?? false,
      discountAmount: body.discountAmount ?? 0,
      status: 'Draft',
      [this.kind.linesKey]: lines,
      ...totals(lines, Decimal.fromWireNumber((body.discountAmount as number | undefined) ?? 0)),
    };
    this.touch(record, {});
    this.records.set(id, record);
    return record;
  }

  private buildLine(op: string, documentId: string, line: WireRecord, index: number): WireRecord {
    const reject = (message: string): never =>
      this.rt.reject(op, 'create', 'company', 400, 'Application_DialogException', message);
    if (line.itemId && line.accountId) reject('Both "itemId" and "accountId" are specified. Specify only one of them.');
    const item = line.itemId ? this.master.item(line.itemId as string) : undefined;
    const account = line.accountId ? this.master.account(line.accountId as string) : undefined;
    if (line.itemId && !item) reject('Item does not exist.');
    if (line.accountId && !account) reject('Account does not exist.');
    if (item?.blocked) reject(`Blocked must be equal to 'No' in Item: No.=${String(item.number)}.`);
    const quantity = Decimal.fromWireNumber((line.quantity as number | undefined) ?? 0);
    const unitPrice = Decimal.fromWireNumber(
      (line.unitPrice as number | undefined) ?? (item?.unitPrice as number | undefined) ?? 0,
    );
    const percent = Decimal.fromWireNumber((line.discountPercent as number | undefined) ?? 0);
    const discount = Decimal.fromWireNumber((line.discountAmount as number | undefined) ?? 0);
    const gross = quantity.times(unitPrice);
    const net = gross.minus(gross.times(percent).dividedBy(100)).minus(discount).round(ROUND);
    const tax = line.lineType === 'Comment' ? Decimal.ZERO : net.times(this.master.taxRate).round(ROUND);
    const orderFields =
      this.kind.set === 'salesOrders'
        ? {
            shippedQuantity: 0,
            invoicedQuantity: 0,
            shipQuantity: quantity.toWireNumber(),
            invoiceQuantity: quantity.toWireNumber(),
          }
        : {};
    return {
      ...line,
      id: this.rt.id(),
      documentId,
      sequence: line.sequence ?? (index + 1) * 10000,
      lineType: item ? 'Item' : account ? 'Account' : (line.lineType ?? 'Comment'),
      lineObjectNumber: item?.number ?? account?.number ?? line.lineObjectNumber ?? '',
      description: line.description ?? item?.displayName ?? account?.displayName ?? '',
      quantity: quantity.toWireNumber(),
      unitPrice: unitPrice.toWireNumber(),
      amountExcludingTax: net.toWireNumber(),
      totalTaxAmount: tax.toWireNumber(),
      amountIncludingTax: net.plus(tax).toWireNumber(),
      ...orderFields,
    };
  }
}

function totals(lines: WireRecord[], headerDiscount: Decimal): WireRecord {
  const sum = (key: string) => Decimal.sum(lines.map((l) => Decimal.fromWireNumber(l[key] as number)));
  const exTax = sum('amountExcludingTax').minus(headerDiscount);
  const tax = sum('totalTaxAmount');
  return {
    totalAmountExcludingTax: exTax.toWireNumber(),
    totalTaxAmount: tax.toWireNumber(),
    totalAmountIncludingTax: exTax.plus(tax).toWireNumber(),
  };
}
