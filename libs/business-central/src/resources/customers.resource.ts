import { PermanentError } from '@mlc/platform-errors';
import { BusinessCentralClient } from '../client/business-central-client';
import { CustomersPort } from '../business-central.port';
import { eq, eqIgnoreCase } from '../odata/odata-filter';
import { BcPath } from '../odata/odata-path';
import { BcCustomer, BcCustomerCreate, customerSchema } from './schemas/customer.schema';

/** Field lengths of the customer table (Text/Code[n]); a longer value is refused before the call, by field name. */
export const CUSTOMER_FIELD_LENGTHS: Readonly<Partial<Record<keyof BcCustomerCreate, number>>> = {
  number: 20,
  displayName: 100,
  addressLine1: 100,
  addressLine2: 50,
  city: 30,
  state: 30,
  country: 10,
  postalCode: 20,
  phoneNumber: 30,
  email: 80,
  website: 80,
  taxRegistrationNumber: 20,
  currencyCode: 10,
};

const customers = BcPath.collection('customers');

export class CustomersResource implements CustomersPort {
  constructor(private readonly client: BusinessCentralClient) {}

  async findByEmail(email: string): Promise<BcCustomer[]> {
    const wanted = email.trim();
    if (!wanted || wanted.length > 80) return [];
    return this.client.list(customers, customerSchema, { filter: eqIgnoreCase('email', wanted) }).toArray();
  }

  async byNumber(number: string): Promise<BcCustomer | undefined> {
    const wanted = number.trim().toUpperCase();
    if (!wanted || wanted.length > (CUSTOMER_FIELD_LENGTHS.number ?? 20)) return undefined;
    const [found] = await this.client.list(customers, customerSchema, { filter: eq('number', wanted), top: 1 }).toArray();
    return found;
  }

  async getById(id: string): Promise<BcCustomer | undefined> {
    return this.client.find(BcPath.entity('customers', id), customerSchema);
  }

  async create(input: BcCustomerCreate): Promise<BcCustomer> {
    checkLengths(input);
    return this.client.create(customers, input, customerSchema);
  }
}

function checkLengths(input: BcCustomerCreate): void {
  for (const [name, max] of Object.entries(CUSTOMER_FIELD_LENGTHS)) {
    const value = input[name as keyof BcCustomerCreate];
    if (typeof value === 'string' && value.length > (max ?? Infinity)) {
      throw new PermanentError('VALIDATION', `customer ${name} is longer than BC allows (${max} characters)`);
    }
  }
}
