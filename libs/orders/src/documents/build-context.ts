import { Decimal } from '@mlc/platform-money';
import type { OrderSyncSettings } from '../settings/order-sync-settings';
import type { Decision, DecisionCode, DocumentLine, ParkReason } from './sales-document';

/** What the adapter resolved in BC before a document is built. */
export interface BcDocumentContext {
  /** BC's local currency (general ledger setup), e.g. "USD". */
  readonly localCurrencyCode: string;
  /** Currency codes that exist in BC's `currencies`. */
  readonly bcCurrencyCodes: readonly string[];
  /** G/L accounts found in BC, by number (uppercase) -> account id. Missing = does not exist or is blocked. */
  readonly accounts: Readonly<Record<string, string>>;
}

export type AccountSetting = keyof OrderSyncSettings['accounts'];

/** Thrown inside a builder and caught at its entry point, which returns it as a typed Parked result. */
export class ParkSignal extends Error {
  constructor(
    readonly reason: ParkReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** Collects decisions and resolves configured accounts while one document is built. */
export class BuildLog {
  readonly decisions: Decision[] = [];

  constructor(
    private readonly settings: OrderSyncSettings,
    private readonly context: BcDocumentContext,
  ) {}

  note(code: DecisionCode, message: string): void {
    this.decisions.push({ code, message });
  }

  /** The BC account id behind a configured account setting, or a park naming the setting. */
  accountId(setting: AccountSetting, purpose: string): string {
    const number = this.settings.accounts[setting];
    if (!number)
      throw new ParkSignal('ACCOUNT_NOT_CONFIGURED', `settings.accounts.${setting} is required for ${purpose}`);
    const id = this.context.accounts[number];
    if (!id)
      throw new ParkSignal(
        'ACCOUNT_NOT_IN_BC',
        `G/L account ${number} (accounts.${setting}) is not in BC or is blocked`,
      );
    return id;
  }
}

/** BC's line amount: round2(quantity x unitPrice) - discountAmount (Account and Item lines alike). */
export function lineAmount(line: Pick<DocumentLine, 'quantity' | 'unitPrice' | 'discountAmount'>): Decimal {
  if (!line.quantity || !line.unitPrice) return Decimal.ZERO;
  return line.quantity
    .times(line.unitPrice)
    .round(2)
    .minus(line.discountAmount ?? Decimal.ZERO);
}

/** Numbers lines 10000, 20000, ... as BC does when `sequence` is left out, so the draft shows the final order. */
export function numberLines(lines: readonly Omit<DocumentLine, 'sequence'>[]): DocumentLine[] {
  return lines.map((line, index) => ({ sequence: (index + 1) * 10000, ...line }));
}
