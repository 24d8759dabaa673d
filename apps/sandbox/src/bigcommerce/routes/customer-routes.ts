import type { SandboxResponse } from '../../core/router';
import type { ApiContext, ApiRoute } from '../http/api-gateway';
import { v3Error } from '../http/bc-errors';
import { cursorPage } from '../http/cursor-pagination';
import { pageRequest } from '../http/pagination';
import { intListParam, isInt, isRecord, jsonBody } from '../http/request-input';
import { storeNow } from '../shop/order-service';
import type { Customer } from '../store/model';
import { serializeCustomer } from '../serializers/customer-serializer';
import { parseNewAddresses } from './customer-addresses';
import { customerFilters, sortCustomers } from './customer-filters';
import type { BigCommerceServices } from './services';

const SCOPES = ['store_v2_customers'] as const;
export const MAX_CUSTOMER_BATCH = 10;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TEXT_FIELDS = {
  first_name: 'firstName',
  last_name: 'lastName',
  company: 'company',
  phone: 'phone',
  notes: 'notes',
} as const;

/**
 * v3 customers: list (filters such as `email:in`, offset and cursor paging; no match is 200 with `data: []`),
 * create and update (arrays of at most 10; 413 above), delete by `id:in`.
 */
export function customerRoutes(s: BigCommerceServices): ApiRoute[] {
  return [
    { method: 'GET', path: '/v3/customers', scopes: SCOPES, handler: (ctx) => list(s, ctx) },
    { method: 'POST', path: '/v3/customers', scopes: SCOPES, handler: (ctx) => create(s, ctx) },
    { method: 'PUT', path: '/v3/customers', scopes: SCOPES, handler: (ctx) => update(s, ctx) },
    {
      method: 'DELETE',
      path: '/v3/customers',
      scopes: SCOPES,
      handler: (ctx) => {
        const ids = intListParam(ctx.query, 'id:in');
        if (ids === null)
          return v3Error(422, 'The id:in parameter is invalid.', { 'id:in': 'must be a list of integers' });
        for (const id of ids ?? []) s.state.customers.delete(id);
        return { status: 204 };
      },
    },
  ];
}

function list(s: BigCommerceServices, ctx: ApiContext): SandboxResponse {
  const parsed = customerFilters(ctx.query);
  if (!parsed.ok) return v3Error(422, 'The filter parameter is invalid.', { [parsed.field]: 'is invalid' });
  const matched = sortCustomers(
    s.state.customers.all().filter((c) => parsed.filters.every((f) => f(c))),
    ctx.query.get('sort'),
  );
  if (!matched) return v3Error(422, 'The sort parameter is invalid.', { sort: 'is not a supported sort' });
  const include = new Set((ctx.query.get('include') ?? '').split(',').map((x) => x.trim()));
  const page = cursorPage(matched, ctx.query, pageRequest(ctx.query, 50, 250));
  if (!page.ok) return v3Error(422, page.error, { cursor: page.error });
  return { status: 200, body: { data: page.items.map((c) => serializeCustomer(c, include)), meta: page.meta } };
}

function batchOf(ctx: ApiContext): { items: Record<string, unknown>[] } | { response: SandboxResponse } {
  const parsed = jsonBody(ctx);
  if (!parsed.ok) return { response: parsed.response };
  if (!Array.isArray(parsed.value) || !parsed.value.every(isRecord)) {
    return { response: v3Error(422, 'JSON data is missing or invalid', { body: 'must be an array of customers' }) };
  }
  if (parsed.value.length > MAX_CUSTOMER_BATCH) {
    return {
      response: v3Error(
        413,
        `The request payload is too large. The maximum items allowed in the array is ${MAX_CUSTOMER_BATCH}.`,
        {},
      ),
    };
  }
  return { items: parsed.value };
}

function checkFields(
  item: Record<string, unknown>,
  i: number,
  errors: Record<string, string>,
  creating: boolean,
): void {
  for (const field of ['email', 'first_name', 'last_name']) {
    if (creating && (typeof item[field] !== 'string' || (item[field] as string).length === 0))
      errors[`${i}.${field}`] = `${field} is required`;
  }
  if (
    item.email !== undefined &&
    (typeof item.email !== 'string' || !EMAIL.test(item.email) || item.email.length > 250)
  )
    errors[`${i}.email`] = 'must be a valid email';
  for (const field of Object.keys(TEXT_FIELDS)) {
    if (item[field] !== undefined && typeof item[field] !== 'string') errors[`${i}.${field}`] = 'must be a string';
  }
}

function create(s: BigCommerceServices, ctx: ApiContext): SandboxResponse {
  const batch = batchOf(ctx);
  if ('response' in batch) return batch.response;
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  const addresses = batch.items.map((item, i) => parseNewAddresses(item.addresses, i, errors));
  batch.items.forEach((item, i) => {
    checkFields(item, i, errors, true);
    const email = typeof item.email === 'string' ? item.email.toLowerCase() : '';
    if (email && (s.state.customers.byEmailAddress(email) || seen.has(email)))
      errors[`${i}.email`] = `The email address ${item.email as string} is already in use.`;
    seen.add(email);
  });
  if (Object.keys(errors).length > 0) return v3Error(422, 'Create customers failed.', errors);
  const now = storeNow(s.clock);
  const created = batch.items.map((item, i) =>
    s.state.customers.add(
      {
        email: item.email as string,
        firstName: item.first_name as string,
        lastName: item.last_name as string,
        company: typeof item.company === 'string' ? item.company : '',
        phone: typeof item.phone === 'string' ? item.phone : '',
        notes: typeof item.notes === 'string' ? item.notes : '',
        taxExemptCategory: typeof item.tax_exempt_category === 'string' ? item.tax_exempt_category : '',
        customerGroupId: isInt(item.customer_group_id) ? item.customer_group_id : 0,
        acceptsMarketing: item.accepts_product_review_abandoned_cart_emails === true,
        addresses: addresses[i] ?? [],
      },
      now,
    ),
  );
  for (const c of created) s.events.customerCreated(c.id);
  return { status: 200, body: { data: created.map((c) => serializeCustomer(c, new Set())), meta: {} } };
}

function update(s: BigCommerceServices, ctx: ApiContext): SandboxResponse {
  const batch = batchOf(ctx);
  if ('response' in batch) return batch.response;
  const errors: Record<string, string> = {};
  const targets: Array<{ customer: Customer; item: Record<string, unknown> }> = [];
  batch.items.forEach((item, i) => {
    const customer = isInt(item.id) ? s.state.customers.get(item.id) : undefined;
    if (!customer) errors[`${i}.id`] = isInt(item.id) ? `Customer ${item.id} does not exist` : 'id is required';
    checkFields(item, i, errors, false);
    const other = typeof item.email === 'string' ? s.state.customers.byEmailAddress(item.email) : undefined;
    if (other && other.id !== customer?.id)
      errors[`${i}.email`] = `The email address ${item.email as string} is already in use.`;
    if (customer) targets.push({ customer, item });
  });
  if (Object.keys(errors).length > 0) return v3Error(422, 'Update customers failed.', errors);
  const now = storeNow(s.clock);
  for (const { customer, item } of targets) {
    if (typeof item.email === 'string') s.state.customers.changeEmail(customer, item.email);
    for (const [field, key] of Object.entries(TEXT_FIELDS))
      if (typeof item[field] === 'string') customer[key] = item[field];
    customer.dateModified = now;
    s.events.customerUpdated(customer.id);
  }
  return { status: 200, body: { data: targets.map((t) => serializeCustomer(t.customer, new Set())), meta: {} } };
}
