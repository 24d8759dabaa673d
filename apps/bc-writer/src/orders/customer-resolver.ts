import {
  buildCustomerCreatePayload,
  chooseCustomer,
  chooseDefaultCustomer,
  planCustomerLookup,
  type BcCustomerRecord,
  type OrderSyncSettings,
  type StoreOrder,
} from '@mlc/orders';
import { OutcomeUnknownError } from '@mlc/platform-errors';
import { localCurrencyOf, type BcCustomerSummary, type WriterBc } from '../bc/writer-bc';
import type { ReferenceDataCache } from '../bc/reference-data';
import type { CustomerLinksRepository } from '../persistence/customer-links.repository';

export type CustomerOutcome =
  | {
      readonly kind: 'use';
      readonly customer: { readonly id: string; readonly number: string };
      readonly note: string;
      readonly created: boolean;
    }
  | { readonly kind: 'park'; readonly reason: string; readonly detail: string };

export interface CustomerRequest {
  readonly connectionId: string;
  readonly settings: OrderSyncSettings;
  readonly bc: WriterBc;
  readonly order: StoreOrder;
}

/**
 * Finds the order's BC customer (DESIGN.md 3.5): the cache (customer_links), then BC by `tolower(email)`, else a new
 * customer built by the domain within BC's field lengths. The BC lookup and the create run under a lock on
 * (connection, email), so concurrent orders of one new shopper create one customer; a create whose outcome is
 * unknown is followed by a second lookup before anything is repeated. Only usable customers are cached: a blocked
 * one parks the order every time until BC unblocks it.
 */
export class CustomerResolver {
  constructor(
    private readonly links: CustomerLinksRepository,
    private readonly refs: ReferenceDataCache,
  ) {}

  async resolve(req: CustomerRequest): Promise<CustomerOutcome> {
    const plan = planCustomerLookup(req.order, req.settings);
    if (plan.kind === 'park') return { kind: 'park', reason: plan.reason, detail: plan.detail };
    const key = plan.kind === 'by-email' ? plan.email : `default:${plan.number}`;
    const cached = await this.links.get(req.connectionId, key);
    if (cached) return use(cached.customerId, cached.customerNumber, `${cached.note} (cached)`, false);
    return this.links.withEmailLock(req.connectionId, key, async (tx) => {
      const raced = await this.links.get(req.connectionId, key, tx);
      if (raced) return use(raced.customerId, raced.customerNumber, `${raced.note} (cached)`, false);
      const outcome = plan.kind === 'by-email' ? await this.byEmail(req, plan.email) : await this.byNumber(req, plan.number);
      if (outcome.kind === 'use') {
        const link = { customerId: outcome.customer.id, customerNumber: outcome.customer.number, note: outcome.note };
        await this.links.put(req.connectionId, key, link, tx);
      }
      return outcome;
    });
  }

  private async byNumber(req: CustomerRequest, number: string): Promise<CustomerOutcome> {
    const found = await req.bc.customerByNumber(number);
    this.learn(req, found ? [found] : []);
    const choice = chooseDefaultCustomer(found ? toRecord(found) : null, number);
    if (choice.kind === 'use') return use(choice.customer.id, choice.customer.number, choice.note, false);
    if (choice.kind === 'park') return { kind: 'park', reason: choice.reason, detail: choice.detail };
    return { kind: 'park', reason: 'DEFAULT_CUSTOMER_MISSING', detail: `default customer ${number} is not in BC` };
  }

  private async byEmail(req: CustomerRequest, email: string): Promise<CustomerOutcome> {
    const matches = await req.bc.api.customers.findByEmail(email);
    this.learn(req, matches);
    const choice = chooseCustomer(matches.map(toRecord), req.settings);
    if (choice.kind === 'use') return use(choice.customer.id, choice.customer.number, choice.note, false);
    if (choice.kind === 'park') return { kind: 'park', reason: choice.reason, detail: choice.detail };
    const payload = buildCustomerCreatePayload(req.order, req.settings);
    if (!payload.ok) return { kind: 'park', reason: payload.reason, detail: payload.detail };
    try {
      const created = await req.bc.api.customers.create(payload.payload);
      this.learn(req, [created]);
      return use(created.id, created.number, `created BC customer ${created.number}: ${choice.note}`, true);
    } catch (err) {
      if (!(err instanceof OutcomeUnknownError)) throw err;
      // The create may have committed: take the customer it made rather than making a second one.
      const again = await req.bc.api.customers.findByEmail(email);
      const adopted = chooseCustomer(again.map(toRecord), req.settings);
      if (adopted.kind === 'use') return use(adopted.customer.id, adopted.customer.number, adopted.note, true);
      throw err;
    }
  }

  private learn(req: CustomerRequest, customers: readonly Pick<BcCustomerSummary, 'currencyId' | 'currencyCode'>[]) {
    for (const c of customers) this.refs.learnLocalCurrency(req.connectionId, localCurrencyOf(c));
  }
}

function use(id: string, number: string, note: string, created: boolean): CustomerOutcome {
  return { kind: 'use', customer: { id, number }, note, created };
}

function toRecord(c: BcCustomerSummary): BcCustomerRecord {
  return { id: c.id, number: c.number, displayName: c.displayName, email: c.email, blocked: c.blocked };
}
