import { isRecord } from '../http/request-input';
import type { CustomerAddress } from '../store/model';

const REQUIRED = ['first_name', 'last_name', 'address1', 'city', 'country_code'] as const;
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * `addresses` of a customer create: at most 10, each with `first_name`, `last_name`, `address1`, `city` and a
 * two-letter `country_code`. Problems are added to `errors` under `{index}.addresses.{n}.{field}`.
 */
export function parseNewAddresses(
  raw: unknown,
  i: number,
  errors: Record<string, string>,
): Array<Omit<CustomerAddress, 'id'>> {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > 10) {
    errors[`${i}.addresses`] = 'must be an array of at most 10 addresses';
    return [];
  }
  return raw.flatMap((a, n): Array<Omit<CustomerAddress, 'id'>> => {
    const path = `${i}.addresses.${n}`;
    if (!isRecord(a)) {
      errors[path] = 'must be an object';
      return [];
    }
    const missing = REQUIRED.filter((f) => typeof a[f] !== 'string' || (a[f] as string).length === 0);
    for (const field of missing) errors[`${path}.${field}`] = `${field} is required`;
    if (typeof a.country_code === 'string' && !/^[A-Z]{2}$/.test(a.country_code))
      errors[`${path}.country_code`] = 'must be a two-letter country code';
    if (missing.length > 0) return [];
    return [
      {
        firstName: str(a.first_name),
        lastName: str(a.last_name),
        company: str(a.company),
        address1: str(a.address1),
        address2: str(a.address2),
        city: str(a.city),
        stateOrProvince: str(a.state_or_province),
        postalCode: str(a.postal_code),
        countryCode: str(a.country_code),
        phone: str(a.phone),
        addressType: a.address_type === 'commercial' ? 'commercial' : 'residential',
      },
    ];
  });
}
