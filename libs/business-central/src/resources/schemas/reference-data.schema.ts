import { z } from 'zod';
import { bcDecimal } from '../../client/wire';
import { bcGuid, optionalText, text } from './common.schema';

/** companies: environment-level system entity, GET only. */
export const companySchema = z.object({
  id: bcGuid,
  systemVersion: optionalText,
  name: text,
  displayName: text,
  businessProfileId: optionalText,
  systemCreatedAt: optionalText,
  systemModifiedAt: optionalText,
});

/** currencies: `amountDecimalPlaces` is text such as "2:2"; `amountRoundingPrecision` a decimal such as 0.01. */
export const currencySchema = z.object({
  id: bcGuid,
  code: text,
  displayName: text,
  symbol: optionalText,
  amountDecimalPlaces: optionalText,
  amountRoundingPrecision: bcDecimal.optional(),
  lastModifiedDateTime: optionalText,
});

/** taxAreas and taxGroups: temporary buffer pages keyed by Id; taxType is read-only. */
export const taxCodeSchema = z.object({
  id: bcGuid,
  code: text,
  displayName: text,
  taxType: optionalText,
  lastModifiedDateTime: optionalText,
});

/** accounts: G/L accounts, read-only. */
export const accountSchema = z.object({
  id: bcGuid,
  number: text,
  displayName: text,
  category: optionalText,
  subCategory: optionalText,
  blocked: z.boolean(),
  accountType: optionalText,
  directPosting: z.boolean().optional(),
  lastModifiedDateTime: optionalText,
});

export type BcCompany = z.output<typeof companySchema>;
export type BcCurrency = z.output<typeof currencySchema>;
export type BcTaxArea = z.output<typeof taxCodeSchema>;
export type BcTaxGroup = z.output<typeof taxCodeSchema>;
export type BcAccount = z.output<typeof accountSchema>;
