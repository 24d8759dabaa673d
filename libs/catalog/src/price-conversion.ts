import { Decimal } from '@mlc/platform-money';
import { CatalogSyncSettings } from './settings';

/** Currency and tax facts of both sides, read once per connection (store settings, BC company). */
export interface PriceFacts {
  /** The store's default (transactional) currency code, e.g. `USD`. */
  readonly storeCurrency: string;
  /** Whether the store's catalog prices are entered including tax. */
  readonly storePricesIncludeTax: boolean;
  /** BC's local currency (LCY) code; item unit prices are in it. */
  readonly bcLocalCurrency: string;
  /** Decimal places of the store currency; default 2. */
  readonly storeCurrencyDecimals?: number;
}

export type PriceSkipReason = 'currency-mismatch' | 'tax-inclusion-mismatch' | 'negative-price';

export type StorePriceResult =
  | { readonly ok: true; readonly price: Decimal }
  | { readonly ok: false; readonly reason: PriceSkipReason; readonly warning: string };

type ConversionSettings = Pick<CatalogSyncSettings, 'priceConversion' | 'taxInclusionMismatch' | 'taxRatePercent'>;

function adjustForTax(
  price: Decimal,
  bcIncludesTax: boolean,
  facts: PriceFacts,
  settings: ConversionSettings,
): StorePriceResult {
  if (bcIncludesTax === facts.storePricesIncludeTax) return { ok: true, price };
  if (settings.taxInclusionMismatch !== 'convert' || settings.taxRatePercent === undefined) {
    const sides = bcIncludesTax
      ? 'BC price includes tax, store prices do not'
      : 'store prices include tax, BC price does not';
    return { ok: false, reason: 'tax-inclusion-mismatch', warning: `price not pushed: ${sides}` };
  }
  const factor = Decimal.from(1).plus(Decimal.parse(settings.taxRatePercent).dividedBy(100));
  return { ok: true, price: bcIncludesTax ? price.dividedBy(factor) : price.times(factor) };
}

/**
 * The store price for a BC item's `unitPrice`: pushed as is when both sides share currency and tax inclusion,
 * otherwise converted by the settings (fixed rate; tax added or removed at `taxRatePercent`) or refused with a
 * warning. Rounded once, at the end, to the store currency's places (half away from zero, as BC rounds).
 */
export function storePriceOf(
  unitPrice: Decimal,
  priceIncludesTax: boolean,
  facts: PriceFacts,
  settings: ConversionSettings,
): StorePriceResult {
  if (unitPrice.isNegative()) {
    return { ok: false, reason: 'negative-price', warning: 'price not pushed: BC unit price is negative' };
  }
  const taxed = adjustForTax(unitPrice, priceIncludesTax, facts, settings);
  if (!taxed.ok) return taxed;
  let price = taxed.price;
  if (facts.storeCurrency.toUpperCase() !== facts.bcLocalCurrency.toUpperCase()) {
    if (settings.priceConversion === 'skip-with-warning') {
      const warning = `price not pushed: store currency ${facts.storeCurrency} differs from BC currency ${facts.bcLocalCurrency}`;
      return { ok: false, reason: 'currency-mismatch', warning };
    }
    price = price.times(settings.priceConversion.rate);
  }
  return { ok: true, price: price.round(facts.storeCurrencyDecimals ?? 2) };
}
