import { BigCommerceClient } from '../client/bigcommerce-client';
import { requestPath } from '../client/request-path';
import { CustomersPort, BIGCOMMERCE_LIMITS } from '../bigcommerce-api.port';
import { CursorPaginator } from '../pagination/cursor-paginator';
import { BigCommerceCustomer, customerCollectionSchema } from '../schemas/customer.schema';
import { collect } from './input-checks';

/** v3 customers looked up by `email:in` (comma-separated, so an address containing a comma cannot be asked for). */
export class CustomersResource implements CustomersPort {
  constructor(private readonly client: BigCommerceClient) {}

  async findCustomersByEmail(emails: readonly string[]): Promise<BigCommerceCustomer[]> {
    const wanted = uniqueEmails(emails);
    const found: BigCommerceCustomer[] = [];
    for (let i = 0; i < wanted.length; i += BIGCOMMERCE_LIMITS.emailsPerLookup) {
      found.push(...(await this.lookup(wanted.slice(i, i + BIGCOMMERCE_LIMITS.emailsPerLookup))));
    }
    return found;
  }

  private lookup(emails: readonly string[]): Promise<BigCommerceCustomer[]> {
    const pages = new CursorPaginator(
      (request, limit) =>
        this.client.request({
          method: 'GET',
          path: requestPath('/v3/customers'),
          query: { 'email:in': emails, limit, ...request },
          schema: customerCollectionSchema,
          priority: 'order-read',
        }),
      BIGCOMMERCE_LIMITS.pageSize,
    );
    return collect(pages);
  }
}

function uniqueEmails(emails: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const raw of emails) {
    const email = raw.trim();
    if (email === '' || email.includes(',')) continue;
    if (!byKey.has(email.toLowerCase())) byKey.set(email.toLowerCase(), email);
  }
  return [...byKey.values()];
}
