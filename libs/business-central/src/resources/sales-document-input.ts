import { PermanentError } from '@mlc/platform-errors';
import { Decimal } from '@mlc/platform-money';
import { BC_PRECISION, toWireDecimal } from '../client/wire';

/** One line of a deep insert. Item lines set `itemId`; G/L lines `lineType: 'Account'` with `accountId`. */
export interface BcSalesLineCreate {
  readonly lineType?: 'Item' | 'Account' | 'Comment' | 'Resource' | 'Charge' | 'Fixed Asset';
  readonly itemId?: string;
  readonly accountId?: string;
  readonly lineObjectNumber?: string;
  readonly description?: string;
  readonly description2?: string;
  readonly unitOfMeasureCode?: string;
  readonly quantity?: Decimal;
  /** Rounded to 5 places on the wire. */
  readonly unitPrice?: Decimal;
  /** Rounded to 2 places on the wire. */
  readonly discountAmount?: Decimal;
  readonly discountPercent?: Decimal;
  /** US: tax group code; VAT countries: VAT identifier. */
  readonly taxCode?: string;
  readonly shipmentDate?: string;
  readonly itemVariantId?: string;
  readonly locationId?: string;
  readonly sequence?: number;
}

interface BcSellToFields {
  readonly customerId?: string;
  readonly customerNumber?: string;
  /** Code[35]: sent upper-case; longer values are refused before the call. */
  readonly externalDocumentNumber: string;
  readonly postingDate?: string;
  readonly currencyCode?: string;
  readonly paymentTermsId?: string;
  readonly shipmentMethodId?: string;
  readonly salesperson?: string;
  /** Header invoice discount, 2 places on the wire. */
  readonly discountAmount?: Decimal;
  readonly phoneNumber?: string;
  readonly email?: string;
  readonly sellToAddressLine1?: string;
  readonly sellToAddressLine2?: string;
  readonly sellToCity?: string;
  readonly sellToCountry?: string;
  readonly sellToState?: string;
  readonly sellToPostCode?: string;
}

interface BcShipToFields {
  readonly shipToName?: string;
  readonly shipToContact?: string;
  readonly shipToAddressLine1?: string;
  readonly shipToAddressLine2?: string;
  readonly shipToCity?: string;
  readonly shipToCountry?: string;
  readonly shipToState?: string;
  readonly shipToPostCode?: string;
}

export interface BcSalesOrderCreate extends BcSellToFields, BcShipToFields {
  readonly orderDate?: string;
  readonly requestedDeliveryDate?: string;
  readonly partialShipping?: boolean;
  readonly pricesIncludeTax?: boolean;
  readonly lines: readonly BcSalesLineCreate[];
}

export interface BcSalesInvoiceCreate extends BcSellToFields, BcShipToFields {
  readonly invoiceDate?: string;
  readonly dueDate?: string;
  readonly customerPurchaseOrderReference?: string;
  readonly lines: readonly BcSalesLineCreate[];
}

export interface BcSalesCreditMemoCreate extends BcSellToFields {
  readonly creditMemoDate?: string;
  readonly dueDate?: string;
  /** The posted invoice this credit memo applies to. */
  readonly invoiceId?: string;
  readonly invoiceNumber?: string;
  readonly customerReturnReasonId?: string;
  readonly billToAddressLine1?: string;
  readonly billToAddressLine2?: string;
  readonly billToCity?: string;
  readonly billToCountry?: string;
  readonly billToState?: string;
  readonly billToPostCode?: string;
  readonly lines: readonly BcSalesLineCreate[];
}

const LINE_PLACES: Record<string, number> = {
  quantity: BC_PRECISION.quantity,
  unitPrice: BC_PRECISION.unitPrice,
  discountAmount: BC_PRECISION.amount,
  discountPercent: BC_PRECISION.percent,
};

/**
 * Text lengths business-central.md documents for sales headers and lines (Sell-to Phone No. Text[30], E-Mail
 * Text[80], Your Reference Text[35], Description Text[100], Description 2 Text[50]). BC answers a longer value with
 * Application_StringExceededLength, so it is refused before the call, by field name.
 */
const HEADER_LENGTHS: Readonly<Record<string, number>> = {
  phoneNumber: 30,
  email: 80,
  customerPurchaseOrderReference: 35,
};
const LINE_LENGTHS: Readonly<Record<string, number>> = { description: 100, description2: 50 };

/** Code[35] in BC: stored upper-case, so it is sent and searched upper-case. */
export function normaliseExternalDocumentNumber(value: string): string {
  const upper = value.trim().toUpperCase();
  if (upper.length === 0 || upper.length > 35) {
    throw new PermanentError('VALIDATION', 'externalDocumentNumber must be 1 to 35 characters (BC Code[35])');
  }
  return upper;
}

/** The JSON body of a deep insert: header fields, then the lines under `linesKey` (e.g. `salesInvoiceLines`). */
export function salesDocumentBody(
  input: BcSalesOrderCreate | BcSalesInvoiceCreate | BcSalesCreditMemoCreate,
  linesKey: string,
): Record<string, unknown> {
  if (!input.customerId && !input.customerNumber) {
    throw new PermanentError('VALIDATION', 'a sales document needs customerId or customerNumber');
  }
  const { lines, ...header } = input;
  checkLengths(header, HEADER_LENGTHS, 'sales document');
  const body = serialise(header, { discountAmount: BC_PRECISION.amount });
  body.externalDocumentNumber = normaliseExternalDocumentNumber(input.externalDocumentNumber);
  body[linesKey] = lines.map((line) => {
    // BC: 'Both "itemId" and "accountId" are specified. Specify only one of them.'
    if (line.itemId && line.accountId) {
      throw new PermanentError('VALIDATION', 'a sales line names both itemId and accountId; BC accepts only one');
    }
    checkLengths(line, LINE_LENGTHS, 'sales line');
    return serialise(line, LINE_PLACES);
  });
  return body;
}

function checkLengths(fields: object, limits: Readonly<Record<string, number>>, what: string): void {
  for (const [name, max] of Object.entries(limits)) {
    const value = (fields as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.length > max) {
      throw new PermanentError('VALIDATION', `${what} ${name} is longer than BC allows (${max} characters)`);
    }
  }
}

function serialise(fields: object, places: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[key] = value instanceof Decimal ? toWireDecimal(value, places[key] ?? BC_PRECISION.amount) : value;
  }
  return out;
}
