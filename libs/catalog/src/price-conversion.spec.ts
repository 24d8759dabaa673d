import { Decimal } from '@mlc/platform-money';
import { PriceFacts, storePriceOf } from './price-conversion';
import { parseCatalogSyncSettings } from './settings';

const same: PriceFacts = { storeCurrency: 'EUR', storePricesIncludeTax: false, bcLocalCurrency: 'eur' };
const d = Decimal.parse;

describe('storePriceOf', () => {
  const defaults = parseCatalogSyncSettings({ version: 1 });

  it('passes the price through when currency and tax inclusion agree', () => {
    expect(storePriceOf(d('19.99'), false, same, defaults)).toEqual({ ok: true, price: d('19.99') });
    expect(storePriceOf(d('0'), false, same, defaults)).toEqual({ ok: true, price: d('0') });
  });

  it('skips with a warning when the currencies differ and no rate is set', () => {
    const result = storePriceOf(d('10'), false, { ...same, storeCurrency: 'USD' }, defaults);
    expect(result).toEqual({
      ok: false,
      reason: 'currency-mismatch',
      warning: 'price not pushed: store currency USD differs from BC currency eur',
    });
  });

  it('converts at the configured rate and rounds once to the store places', () => {
    const settings = parseCatalogSyncSettings({ version: 1, priceConversion: { rate: '1.0825' } });
    const result = storePriceOf(d('19.99'), false, { ...same, storeCurrency: 'USD' }, settings);
    expect(result.ok && result.price.toString()).toBe('21.64');
    const yen = storePriceOf(
      d('19.99'),
      false,
      { ...same, storeCurrency: 'JPY', storeCurrencyDecimals: 0 },
      {
        ...settings,
        priceConversion: { rate: '161.3' },
      },
    );
    expect(yen.ok && yen.price.toString()).toBe('3224');
  });

  it('skips with a warning when tax inclusion differs and conversion is off', () => {
    const result = storePriceOf(d('12'), true, same, defaults);
    expect(result).toMatchObject({ ok: false, reason: 'tax-inclusion-mismatch' });
  });

  it('removes or adds tax at the configured rate', () => {
    const settings = parseCatalogSyncSettings({ version: 1, taxInclusionMismatch: 'convert', taxRatePercent: '20' });
    const net = storePriceOf(d('12'), true, same, settings);
    expect(net.ok && net.price.toString()).toBe('10');
    const gross = storePriceOf(d('10'), false, { ...same, storePricesIncludeTax: true }, settings);
    expect(gross.ok && gross.price.toString()).toBe('12');
    const odd = storePriceOf(d('9.99'), true, same, { ...settings, taxRatePercent: '8.25' });
    expect(odd.ok && odd.price.toString()).toBe('9.23');
  });

  it('never pushes a negative price', () => {
    expect(storePriceOf(d('-1'), false, same, defaults)).toMatchObject({ ok: false, reason: 'negative-price' });
  });
});
