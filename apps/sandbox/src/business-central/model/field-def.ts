/**
 * Field metadata of the simulated API v2.0 entities. Names, order and read-only flags follow the AL API pages
 * (reference/business-central/apiv2-entities.json); lengths and Code (uppercased) semantics follow the source table
 * fields (Code[20] item/customer numbers, Code[35] external document numbers, Text[100] names...).
 */
export type FieldType =
  | 'guid'
  | 'code'
  | 'text'
  | 'decimal'
  | 'integer'
  | 'int64'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'enum';

export interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
  readonly readOnly: boolean;
  /** Maximum length for code and text fields. */
  readonly maxLength?: number;
  /** Allowed values for enum fields (the blank option is a single space). */
  readonly values?: readonly string[];
  /** EDM type name used in conversion errors. */
  readonly edmType: string;
}

export const ENUMS = {
  contactType: ['Company', 'Person'],
  customerBlocked: [' ', 'Ship', 'Invoice', 'All'],
  itemType: ['Inventory', 'Service', 'Non-Inventory'],
  itemLedgerEntryType: [
    'Purchase',
    'Sale',
    'Positive Adjmt.',
    'Negative Adjmt.',
    'Transfer',
    'Consumption',
    'Output',
    ' ',
    'Assembly Consumption',
    'Assembly Output',
  ],
  analysisSourceType: [' ', 'Customer', 'Vendor', 'Item'],
  itemLedgerDocumentType: [
    ' ',
    'Sales Shipment',
    'Sales Invoice',
    'Sales Return Receipt',
    'Sales Credit Memo',
    'Purchase Receipt',
    'Purchase Invoice',
    'Purchase Return Shipment',
    'Purchase Credit Memo',
    'Transfer Shipment',
    'Transfer Receipt',
    'Direct Transfer',
  ],
  salesOrderStatus: ['Draft', 'In Review', 'Open'],
  lineType: ['Comment', 'Account', 'Item', 'Resource', 'Fixed Asset', 'Charge'],
  invoiceStatus: [' ', 'Draft', 'In Review', 'Open', 'Paid', 'Canceled', 'Corrective'],
  creditMemoStatus: ['Draft', 'In Review', 'Open', 'Canceled', 'Corrective', 'Paid'],
  glAccountCategory: [' ', 'Assets', 'Liabilities', 'Equity', 'Income', 'Cost of Goods Sold', 'Expense'],
  glAccountType: ['Posting', 'Heading', 'Total', 'Begin-Total', 'End-Total'],
  taxBufferType: ['Sales Tax', 'VAT'],
} as const satisfies Record<string, readonly string[]>;

export type EnumName = keyof typeof ENUMS;

const EDM: Record<FieldType, string> = {
  guid: 'Edm.Guid',
  code: 'Edm.String',
  text: 'Edm.String',
  decimal: 'Edm.Decimal',
  integer: 'Edm.Int32',
  int64: 'Edm.Int64',
  boolean: 'Edm.Boolean',
  date: 'Edm.Date',
  datetime: 'Edm.DateTimeOffset',
  enum: 'Edm.String',
};

/**
 * Parses a compact field list, one field a line: `name type [ro]` where type is `guid`, `code20`, `text100`,
 * `decimal`, `integer`, `int64`, `boolean`, `date`, `datetime` or `enum:<name>`.
 */
export function fields(spec: string): FieldDef[] {
  return spec
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map(parseFieldLine);
}

function parseFieldLine(line: string): FieldDef {
  const [name, typeSpec, flag] = line.split(/\s+/);
  if (!name || !typeSpec) throw new Error(`bad field spec: ${line}`);
  const readOnly = flag === 'ro';
  const sized = /^(code|text)(\d+)$/.exec(typeSpec);
  if (sized) {
    const type = sized[1] as 'code' | 'text';
    return { name, type, readOnly, maxLength: Number(sized[2]), edmType: EDM[type] };
  }
  if (typeSpec.startsWith('enum:')) {
    const values = ENUMS[typeSpec.slice(5) as EnumName];
    if (!values) throw new Error(`unknown enum in field spec: ${line}`);
    return { name, type: 'enum', readOnly, values, edmType: EDM.enum };
  }
  if (!(typeSpec in EDM)) throw new Error(`unknown type in field spec: ${line}`);
  const type = typeSpec as FieldType;
  return { name, type, readOnly, edmType: EDM[type] };
}

export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';
export const EMPTY_DATE = '0001-01-01';
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
