import { toIsoZ } from '../http/bc-dates';
import type { Customer } from '../store/model';

/** A v3 customer (`customer_Full`); sub-resources only when `include` names them. */
export function serializeCustomer(customer: Customer, include: ReadonlySet<string>): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: customer.id,
    email: customer.email,
    first_name: customer.firstName,
    last_name: customer.lastName,
    company: customer.company,
    phone: customer.phone,
    registration_ip_address: '',
    notes: customer.notes,
    tax_exempt_category: customer.taxExemptCategory,
    customer_group_id: customer.customerGroupId,
    date_modified: toIsoZ(customer.dateModified),
    date_created: toIsoZ(customer.dateCreated),
    address_count: customer.addresses.length,
    attribute_count: 0,
    authentication: { force_password_reset: false },
    accepts_product_review_abandoned_cart_emails: customer.acceptsMarketing,
    origin_channel_id: customer.originChannelId,
    channel_ids: [1],
  };
  if (include.has('addresses')) {
    body.addresses = customer.addresses.map((a) => ({
      id: a.id,
      customer_id: customer.id,
      first_name: a.firstName,
      last_name: a.lastName,
      company: a.company,
      address1: a.address1,
      address2: a.address2,
      city: a.city,
      state_or_province: a.stateOrProvince,
      postal_code: a.postalCode,
      country_code: a.countryCode,
      country: a.countryCode === 'US' ? 'United States' : a.countryCode,
      phone: a.phone,
      address_type: a.addressType,
      form_fields: [],
    }));
  }
  if (include.has('storecredit')) body.store_credit_amounts = [{ amount: 0 }];
  if (include.has('attributes')) body.attributes = [];
  if (include.has('formfields')) body.form_fields = [];
  return body;
}
