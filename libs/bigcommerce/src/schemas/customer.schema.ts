import { z } from 'zod';
import { id, isoDateTime, v3Collection } from './common.schema';

/** v3 customers (`customer_Full` in customers.v3.yml). */
export const customerSchema = z.looseObject({
  id,
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  company: z.string().optional(),
  phone: z.string().optional(),
  customer_group_id: z.number().int().optional(),
  tax_exempt_category: z.string().optional(),
  date_created: isoDateTime.optional(),
  date_modified: isoDateTime.optional(),
  addresses: z.array(z.looseObject({ id: id.optional(), country_code: z.string().optional() })).optional(),
});

export const customerCollectionSchema = v3Collection(customerSchema);

export type BigCommerceCustomer = z.infer<typeof customerSchema>;
