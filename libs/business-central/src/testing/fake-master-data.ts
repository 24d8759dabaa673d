import { z } from 'zod';
import { Decimal } from '@mlc/platform-money';
import { isRecordNotFound } from '../client/business-central-errors';
import { CUSTOMER_FIELD_LENGTHS } from '../resources/customers.resource';
import { BcCustomerCreate } from '../resources/schemas/customer.schema';
import { FakeRuntime, WireRecord } from './fake-runtime';

/** One company-scoped entity set in memory, in BC's JSON shape, read through the real schema. */
export class FakeEntitySet<S extends z.ZodType> {
  readonly records = new Map<string, WireRecord>();

  constructor(
    private readonly rt: FakeRuntime,
    readonly set: string,
    private readonly schema: S,
    private readonly defaults: () => WireRecord,
  ) {}

  /** Seeds a record (no call is logged). Decimal values may be given as Decimal. */
  add(fields: WireRecord): z.output<S> {
    const record: WireRecord = { ...this.defaults(), ...toWire(fields) };
    record.id = String(record.id ?? this.rt.id()).toLowerCase();
    record['@odata.etag'] = this.rt.etag();
    record.lastModifiedDateTime = fields.lastModifiedDateTime ?? this.rt.timestamp();
    this.records.set(record.id as string, record);
    return this.schema.parse(record);
  }

  /** Changes a record as a BC user would: new ETag and lastModifiedDateTime. */
  change(id: string, fields: WireRecord): z.output<S> {
    const record = this.records.get(id.toLowerCase());
    if (!record) throw new RangeError(`no ${this.set} ${id}`);
    Object.assign(record, toWire(fields), { '@odata.etag': this.rt.etag(), lastModifiedDateTime: this.rt.timestamp() });
    return this.schema.parse(record);
  }

  where(predicate: (record: WireRecord) => boolean): WireRecord[] {
    return [...this.records.values()].filter(predicate);
  }

  find(predicate: (record: WireRecord) => boolean): WireRecord | undefined {
    return this.where(predicate)[0];
  }

  list(predicate: (record: WireRecord) => boolean = () => true): Promise<z.output<S>[]> {
    return this.rt.call(`GET ${this.set}`, 'read', 'company', () =>
      this.where(predicate).map((r) => this.schema.parse(r)),
    );
  }

  async byId(id: string): Promise<z.output<S> | undefined> {
    const op = `GET ${this.set}({id})`;
    try {
      return await this.rt.call(op, 'read', 'entity', () => {
        const record = this.records.get(id.toLowerCase());
        if (!record)
          this.rt.reject(op, 'read', 'entity', 404, 'BadRequest_NotFound', `The ${this.set} does not exist.`);
        return this.schema.parse(record);
      });
    } catch (err) {
      if (isRecordNotFound(err)) return undefined;
      throw err;
    }
  }

  /** POST: validated like BC (field lengths for customers), numbered, logged. */
  create(fields: WireRecord, numberPrefix: string): Promise<z.output<S>> {
    const op = `POST ${this.set}`;
    return this.rt.call(op, 'create', 'company', () => {
      for (const [name, max] of Object.entries(this.set === 'customers' ? CUSTOMER_FIELD_LENGTHS : {})) {
        const value = fields[name as keyof BcCustomerCreate];
        if (typeof value === 'string' && value.length > (max ?? Infinity)) {
          this.rt.reject(
            op,
            'create',
            'company',
            400,
            'Application_StringExceededLength',
            `The length of the string is ${value.length}, but it must be less than or equal to ${max} characters.`,
          );
        }
      }
      return this.add({ number: `${numberPrefix}${this.records.size + 10001}`, ...fields });
    });
  }
}

function toWire(fields: WireRecord): WireRecord {
  const out: WireRecord = {};
  for (const [key, value] of Object.entries(fields)) out[key] = value instanceof Decimal ? value.toWireNumber() : value;
  return out;
}

export const CUSTOMER_DEFAULTS = (): WireRecord => ({
  displayName: '',
  type: 'Company',
  email: '',
  blocked: ' ',
  currencyCode: '',
  taxLiable: false,
});
export const ITEM_DEFAULTS = (): WireRecord => ({
  displayName: '',
  type: 'Inventory',
  blocked: false,
  gtin: '',
  inventory: 0,
  unitPrice: 0,
  baseUnitOfMeasureCode: 'PCS',
  taxGroupCode: '',
});
export const CODE_DEFAULTS = (): WireRecord => ({ displayName: '' });
export const ACCOUNT_DEFAULTS = (): WireRecord => ({
  displayName: '',
  blocked: false,
  accountType: 'Posting',
  directPosting: true,
  category: 'Income',
});
