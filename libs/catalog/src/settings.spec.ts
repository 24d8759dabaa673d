import { PermanentError } from '@mlc/platform-errors';
import { defaultCatalogSyncSettings, parseCatalogSyncSettings } from './settings';

function messageOf(input: unknown): string {
  try {
    parseCatalogSyncSettings(input);
  } catch (err) {
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).code).toBe('CONFIG');
    return (err as Error).message;
  }
  throw new Error('expected the settings to be refused');
}

describe('CatalogSyncSettings', () => {
  it('fills every default from a bare version', () => {
    expect(defaultCatalogSyncSettings()).toEqual({
      version: 1,
      bigcommerceLocationId: 1,
      pushPrices: true,
      pushStock: true,
      priceConversion: 'skip-with-warning',
      taxInclusionMismatch: 'skip-with-warning',
      coalesceWindowMs: 2000,
      quotaShare: 0.6,
      reserveForOrderReads: 20,
      driftAlarmThreshold: 5,
      driftCorrectionQuietMs: 300_000,
    });
  });

  it('accepts a conversion rate and tax conversion with its rate', () => {
    const s = parseCatalogSyncSettings({
      version: 1,
      priceConversion: { rate: '1.0825' },
      taxInclusionMismatch: 'convert',
      taxRatePercent: '20',
    });
    expect(s.priceConversion).toEqual({ rate: '1.0825' });
    expect(s.taxRatePercent).toBe('20');
  });

  it('names the failing field in the message', () => {
    expect(messageOf({ version: 1, quotaShare: 1.5 })).toMatch(/^catalog settings: quotaShare: /);
    expect(messageOf({ version: 1, priceConversion: { rate: '0' } })).toContain(
      'priceConversion.rate: must be greater than zero',
    );
    expect(messageOf({ version: 1, priceConversion: { rate: 1.2 } })).toContain('priceConversion');
    expect(messageOf({ version: 1, taxInclusionMismatch: 'convert' })).toContain(
      'taxRatePercent: is required when taxInclusionMismatch is "convert"',
    );
    expect(messageOf({ version: 2 })).toContain('version: ');
    expect(messageOf({})).toContain('version: ');
    expect(messageOf({ version: 1, reserveForOrderReads: 2.5 })).toContain('reserveForOrderReads: ');
    expect(messageOf({ version: 1, bigcommerceLocationId: 0 })).toContain('bigcommerceLocationId: ');
  });

  it('lists every failing field at once and refuses unknown fields', () => {
    const message = messageOf({ version: 1, quotaShare: 0, coalesceWindowMs: -1, pushPrice: false });
    expect(message).toContain('quotaShare: ');
    expect(message).toContain('coalesceWindowMs: ');
    expect(message).toContain('pushPrice');
  });
});
