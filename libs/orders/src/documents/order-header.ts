import { localDate } from '../model/dates';
import type { StoreAddress, StoreOrder } from '../model/store-order';
import type { OrderSyncSettings } from '../settings/order-sync-settings';
import { BC_LENGTHS, bcCode, bcText, compact, ifFits } from './bc-text';
import { ParkSignal, type BcDocumentContext, type BuildLog } from './build-context';
import type { SalesDocumentHeader } from './sales-document';

/** The connector's key for an order in BC: prefix + store order id, uppercase (Code[35]). */
export function orderExternalDocumentNumber(settings: OrderSyncSettings, orderId: number): string {
  return `${settings.externalDocumentPrefix}${orderId}`.toUpperCase();
}

/**
 * Header fields with BC names. Dates are the order's creation date in the connection's time zone; the currency is
 * set only when the order's transactional currency is not BC's local one (BC reads blank as local); ship-to is the
 * first shipping consignment (BC documents hold one ship-to; shipping lines name every destination).
 */
export function buildOrderHeader(
  order: StoreOrder,
  settings: OrderSyncSettings,
  customerId: string,
  context: BcDocumentContext,
  log: BuildLog,
): SalesDocumentHeader {
  const externalDocumentNumber = orderExternalDocumentNumber(settings, order.id);
  if (externalDocumentNumber.length > BC_LENGTHS.externalDocumentNumber) {
    throw new ParkSignal('EXTERNAL_DOCUMENT_NUMBER_TOO_LONG', `"${externalDocumentNumber}" exceeds 35 characters`);
  }
  log.note('EXTERNAL_DOCUMENT_NUMBER', `externalDocumentNumber ${externalDocumentNumber} = prefix + store order id`);
  const date = localDate(order.dateCreated, settings.timeZone);
  log.note(
    'DOCUMENT_DATE',
    `order created ${order.dateCreated}; document and posting date ${date} in ${settings.timeZone}`,
  );
  const billing = order.billingAddress;
  return compact({
    externalDocumentNumber,
    documentDate: date,
    postingDate: date,
    customerId,
    currencyCode: documentCurrency(order, context, log),
    email: ifFits(billing.email, BC_LENGTHS.email),
    phoneNumber: ifFits(billing.phone, BC_LENGTHS.phoneNumber),
    ...shipTo(order, log),
  });
}

function documentCurrency(order: StoreOrder, context: BcDocumentContext, log: BuildLog): string | undefined {
  const code = order.currency.transactional;
  const local = context.localCurrencyCode.toUpperCase();
  if (code === local) {
    log.note('CURRENCY', `transactional currency ${code} is BC's local currency: currencyCode left blank`);
    return undefined;
  }
  if (!context.bcCurrencyCodes.map((c) => c.toUpperCase()).includes(code)) {
    throw new ParkSignal(
      'CURRENCY_NOT_IN_BC',
      `the order is in ${code}, which BC's currencies do not have (local ${local})`,
    );
  }
  log.note('CURRENCY', `transactional currency ${code} differs from BC's local ${local}: currencyCode ${code}`);
  return code;
}

function shipTo(order: StoreOrder, log: BuildLog): Partial<SalesDocumentHeader> {
  const first = order.shippingConsignments[0];
  if (!first) {
    log.note('SHIP_TO', 'no shipping consignment (pickup or digital only): BC keeps the customer address as ship-to');
    return {};
  }
  if (order.shippingConsignments.length > 1) {
    log.note(
      'SHIP_TO',
      `${order.shippingConsignments.length} shipping addresses: header ship-to is consignment ${first.id}; each shipping line names its destination`,
    );
  }
  return shipToFields(first.address);
}

/** Ship-to fields cut to BC's lengths; Code fields (country, post code) uppercase. */
export function shipToFields(a: StoreAddress): Partial<SalesDocumentHeader> {
  const person = `${a.firstName} ${a.lastName}`;
  return {
    shipToName: bcText(a.company || person, BC_LENGTHS.name),
    shipToContact: a.company ? bcText(person, BC_LENGTHS.name) : undefined,
    shipToAddressLine1: bcText(a.street1, BC_LENGTHS.addressLine1),
    shipToAddressLine2: bcText(a.street2, BC_LENGTHS.addressLine2),
    shipToCity: bcText(a.city, BC_LENGTHS.city),
    shipToState: bcText(a.state, BC_LENGTHS.state),
    shipToCountry: bcCode(a.countryIso2, BC_LENGTHS.country),
    shipToPostCode: bcCode(a.postalCode, BC_LENGTHS.postalCode),
  };
}
