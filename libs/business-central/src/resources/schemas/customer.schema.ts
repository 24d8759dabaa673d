import { z } from 'zod';
import { bcDecimal } from '../../client/wire';
import { bcEnum, bcGuid, optionalText, text, withEtag } from './common.schema';

/** customers (API page 30009). `email` is Text[80]; `blocked` is `" "|"Ship"|"Invoice"|"All"`. */
export const customerFields = z.object({
  id: bcGuid,
  number: text,
  displayName: text,
  type: bcEnum(['Company', 'Person'] as const).optional(),
  addressLine1: optionalText,
  addressLine2: optionalText,
  city: optionalText,
  state: optionalText,
  country: optionalText,
  postalCode: optionalText,
  phoneNumber: optionalText,
  email: text,
  website: optionalText,
  salespersonCode: optionalText,
  balanceDue: bcDecimal.optional(),
  creditLimit: bcDecimal.optional(),
  taxLiable: z.boolean().optional(),
  taxAreaId: bcGuid.optional(),
  taxAreaDisplayName: optionalText,
  taxRegistrationNumber: optionalText,
  currencyId: bcGuid.optional(),
  currencyCode: optionalText,
  paymentTermsId: bcGuid.optional(),
  shipmentMethodId: bcGuid.optional(),
  paymentMethodId: bcGuid.optional(),
  blocked: bcEnum([' ', 'Ship', 'Invoice', 'All'] as const),
  lastModifiedDateTime: text,
});

export const customerSchema = withEtag(customerFields);
export type BcCustomer = z.output<typeof customerSchema>;

/** What the connector may set when it creates a customer; posting groups come from BC's defaults. */
export interface BcCustomerCreate {
  readonly displayName: string;
  readonly type?: 'Company' | 'Person';
  readonly number?: string;
  readonly addressLine1?: string;
  readonly addressLine2?: string;
  readonly city?: string;
  readonly state?: string;
  readonly country?: string;
  readonly postalCode?: string;
  readonly phoneNumber?: string;
  readonly email?: string;
  readonly website?: string;
  readonly taxLiable?: boolean;
  readonly taxAreaId?: string;
  readonly taxRegistrationNumber?: string;
  readonly currencyCode?: string;
  readonly paymentTermsId?: string;
  readonly shipmentMethodId?: string;
  readonly paymentMethodId?: string;
}
