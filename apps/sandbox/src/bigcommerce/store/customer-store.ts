import type { Customer, CustomerAddress } from './model';

export type NewCustomer = Omit<Customer, 'id' | 'dateCreated' | 'dateModified' | 'addresses' | 'originChannelId'> & {
  addresses: Array<Omit<CustomerAddress, 'id'>>;
};

/** Customers with a case-insensitive email index (emails are unique per store). */
export class CustomerStore {
  private readonly byId = new Map<number, Customer>();
  private readonly byEmail = new Map<string, Customer>();
  private nextId = 1;
  private nextAddressId = 1;

  add(input: NewCustomer, now: number): Customer {
    const customer: Customer = {
      ...input,
      id: this.nextId++,
      dateCreated: now,
      dateModified: now,
      originChannelId: 1,
      addresses: input.addresses.map((a) => ({ ...a, id: this.nextAddressId++ })),
    };
    this.byId.set(customer.id, customer);
    this.byEmail.set(customer.email.toLowerCase(), customer);
    return customer;
  }

  get(id: number): Customer | undefined {
    return this.byId.get(id);
  }

  byEmailAddress(email: string): Customer | undefined {
    return this.byEmail.get(email.toLowerCase());
  }

  /** Re-keys the email index after an email change. */
  changeEmail(customer: Customer, email: string): void {
    this.byEmail.delete(customer.email.toLowerCase());
    customer.email = email;
    this.byEmail.set(email.toLowerCase(), customer);
  }

  delete(id: number): boolean {
    const customer = this.byId.get(id);
    if (!customer) return false;
    this.byId.delete(id);
    this.byEmail.delete(customer.email.toLowerCase());
    return true;
  }

  all(): Customer[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byId.clear();
    this.byEmail.clear();
    this.nextId = 1;
    this.nextAddressId = 1;
  }
}
