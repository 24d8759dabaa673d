import type { BcDocumentContext } from '@mlc/orders';
import type { WriterBc } from './writer-bc';

interface Entry {
  readonly version: number;
  readonly loadedAt: number;
  readonly accounts: Readonly<Record<string, string>>;
  readonly currencies: readonly string[];
}

/**
 * BC reference data per connection (G/L accounts by number, currency codes, the local currency), read once and kept
 * for `ttlMs` or until the connection's settings version changes, so a steady-state order costs no reads for it.
 */
export class ReferenceDataCache {
  private readonly entries = new Map<string, Entry>();
  private readonly localCurrency = new Map<string, string>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The document context, or undefined when BC's local currency cannot be told yet (no customer without currency). */
  async context(connectionId: string, settingsVersion: number, bc: WriterBc): Promise<BcDocumentContext | undefined> {
    const entry = await this.load(connectionId, settingsVersion, bc);
    let lcy = this.localCurrency.get(connectionId);
    if (!lcy) {
      lcy = await bc.localCurrencyCode();
      if (lcy) this.localCurrency.set(connectionId, lcy);
    }
    if (!lcy) return undefined;
    return { localCurrencyCode: lcy, bcCurrencyCodes: entry.currencies, accounts: entry.accounts };
  }

  /** Records the local currency seen on a record read anyway (a customer without a currency of its own). */
  learnLocalCurrency(connectionId: string, code: string | undefined): void {
    if (code && !this.localCurrency.has(connectionId)) this.localCurrency.set(connectionId, code.toUpperCase());
  }

  invalidate(connectionId: string): void {
    this.entries.delete(connectionId);
    this.localCurrency.delete(connectionId);
  }

  private async load(connectionId: string, version: number, bc: WriterBc): Promise<Entry> {
    const cached = this.entries.get(connectionId);
    if (cached && cached.version === version && this.now() - cached.loadedAt < this.ttlMs) return cached;
    const [accounts, currencies] = await Promise.all([bc.api.accounts.list(), bc.api.currencies.list()]);
    const entry: Entry = {
      version,
      loadedAt: this.now(),
      // Blocked accounts are left out: BC refuses lines on them, so the document is parked naming the setting.
      accounts: Object.fromEntries(accounts.filter((a) => !a.blocked).map((a) => [a.number.toUpperCase(), a.id])),
      currencies: currencies.map((c) => c.code.toUpperCase()),
    };
    this.entries.set(connectionId, entry);
    return entry;
  }
}
