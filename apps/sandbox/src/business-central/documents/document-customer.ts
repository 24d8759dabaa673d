import { dialogError } from '../api/bc-error';
import type { RequestContext, WriteInput } from '../resources/entity-set';
import { stringOf } from '../resources/lookups';
import type { Row, Value } from '../store/table';

/**
 * Resolves `customerId`/`customerNumber` (or the bill-to pair) of a document write with the page's messages.
 * Returns undefined when the body names neither and none is required.
 */
export function resolveCustomer(
  ctx: RequestContext,
  input: WriteInput,
  role: 'sell-to' | 'bill-to',
  required: boolean,
): Row | undefined {
  const idField = role === 'sell-to' ? 'customerId' : 'billToCustomerId';
  const numberField = role === 'sell-to' ? 'customerNumber' : 'billToCustomerNumber';
  const id = input.values.get(idField) as string | undefined;
  const number = input.values.get(numberField) as string | undefined;
  if (id === undefined && number === undefined) {
    if (required) throw dialogError('A "customerNumber" or a "customerId" must be provided.');
    return undefined;
  }
  const byId = id !== undefined ? ctx.company.customers.get(id) : undefined;
  const byNumber = number !== undefined ? ctx.company.customers.findBy('number', number) : undefined;
  if ((id !== undefined && !byId) || (number !== undefined && !byNumber)) {
    throw dialogError(`The ${role} customer cannot be found.`);
  }
  if (byId && byNumber && byId !== byNumber) {
    throw dialogError(`The ${role} customer values do not match to a specific Customer.`);
  }
  return byId ?? byNumber;
}

const ADDRESS = ['AddressLine1', 'AddressLine2', 'City', 'Country', 'State', 'PostCode'] as const;
const CUSTOMER_ADDRESS: Record<(typeof ADDRESS)[number], string> = {
  AddressLine1: 'addressLine1',
  AddressLine2: 'addressLine2',
  City: 'city',
  Country: 'country',
  State: 'state',
  PostCode: 'postalCode',
};

function addressOf(customer: Row, prefix: 'sellTo' | 'billTo' | 'shipTo'): Record<string, Value> {
  return Object.fromEntries(ADDRESS.map((part) => [`${prefix}${part}`, stringOf(customer.data[CUSTOMER_ADDRESS[part]])]));
}

/** Header fields BC copies from the sell-to customer when it is set (Sales Header "Sell-to Customer No." trigger). */
export function sellToDefaults(ctx: RequestContext, customer: Row): Record<string, Value> {
  if (customer.data.blocked === 'All') {
    throw dialogError(
      `You cannot create this type of document when Customer ${String(customer.data.number)} is blocked with type All`,
    );
  }
  const taxArea = ctx.company.taxAreas.get(stringOf(customer.data.taxAreaId));
  return {
    customerId: customer.id,
    customerName: stringOf(customer.data.displayName),
    ...addressOf(customer, 'sellTo'),
    ...billToDefaults(customer),
    shipToName: stringOf(customer.data.displayName),
    shipToContact: '',
    ...addressOf(customer, 'shipTo'),
    phoneNumber: stringOf(customer.data.phoneNumber),
    email: stringOf(customer.data.email),
    currencyCode: stringOf(customer.data.currencyCode),
    paymentTermsId: stringOf(customer.data.paymentTermsId),
    shipmentMethodId: stringOf(customer.data.shipmentMethodId),
    salesperson: stringOf(customer.data.salespersonCode),
    taxAreaCode: stringOf(taxArea?.data.code),
    taxLiable: customer.data.taxLiable === true,
  };
}

/** Bill-to fields (read-only on orders and invoices) copied from the bill-to customer. */
export function billToDefaults(customer: Row): Record<string, Value> {
  return {
    billToCustomerId: customer.id,
    billToName: stringOf(customer.data.displayName),
    ...addressOf(customer, 'billTo'),
  };
}
