import type { PostalAddress } from '../store/model';

/** The v2 address fields shared by billing addresses, shipping addresses and shipping consignments. */
export function serializeAddress(address: PostalAddress): Record<string, unknown> {
  return {
    first_name: address.firstName,
    last_name: address.lastName,
    company: address.company,
    street_1: address.street1,
    street_2: address.street2,
    city: address.city,
    state: address.state,
    zip: address.zip,
    country: address.country,
    country_iso2: address.countryIso2,
    phone: address.phone,
    email: address.email,
  };
}
