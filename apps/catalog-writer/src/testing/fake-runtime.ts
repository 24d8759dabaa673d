import { CatalogSyncSettings, CatalogSyncSettingsInput, parseCatalogSyncSettings, PriceFacts } from '@mlc/catalog';
import type { ConnectionRuntime } from '../push/connection-runtime';
import { FakeBcItemSource } from './fake-bc-item-source';
import { FakeStoreGateway } from './fake-store-gateway';

export interface FakeRuntime extends ConnectionRuntime {
  readonly store: FakeStoreGateway;
  readonly bc: FakeBcItemSource;
}

/** A connection runtime over the fakes: same currency and tax entry on both sides unless `prices` says otherwise. */
export function fakeRuntime(
  options: {
    readonly connectionId?: string;
    readonly settings?: Omit<CatalogSyncSettingsInput, 'version'>;
    readonly documentType?: ConnectionRuntime['documentType'];
    readonly prices?: Partial<PriceFacts>;
    readonly store?: FakeStoreGateway;
    readonly bc?: FakeBcItemSource;
  } = {},
): FakeRuntime {
  const settings: CatalogSyncSettings = parseCatalogSyncSettings({ version: 1, ...options.settings });
  const prices: PriceFacts = {
    storeCurrency: 'USD',
    storePricesIncludeTax: false,
    bcLocalCurrency: 'USD',
    ...options.prices,
  };
  return {
    connectionId: options.connectionId ?? 'acme',
    settings,
    documentType: options.documentType ?? 'salesInvoice',
    match: { mode: 'item-number' },
    store: options.store ?? new FakeStoreGateway(),
    bc: options.bc ?? new FakeBcItemSource(),
    priceFacts: async () => prices,
  };
}
