import type { BusinessCentralApi } from '@mlc/business-central';
import type { OrderSyncSettings } from '@mlc/orders';

/** What BC holds that the order settings refer to (codes upper-case). */
export interface BcReferenceData {
  readonly accounts: ReadonlyArray<{ readonly number: string; readonly blocked: boolean; readonly accountType?: string; readonly directPosting?: boolean }>;
  readonly currencies: readonly string[];
  readonly taxAreaIds: readonly string[];
  readonly taxGroups: readonly string[];
}

/**
 * Every BC reference in the order settings that BC would refuse: G/L accounts that do not exist, are blocked, are
 * not posting accounts or refuse direct posting; currencies, tax areas and tax groups BC does not have. Each problem
 * names the settings key. Empty when everything set exists (unset values are not checked).
 */
export function checkOrderSettingsAgainstBc(settings: OrderSyncSettings, bc: BcReferenceData): string[] {
  const problems: string[] = [];
  const accounts = new Map(bc.accounts.map((a) => [a.number.toUpperCase(), a]));
  for (const [key, number] of Object.entries(settings.accounts)) {
    if (!number) continue;
    const account = accounts.get(number.toUpperCase());
    const at = `orders.accounts.${key}`;
    if (!account) problems.push(`${at}: BC has no G/L account ${number}`);
    else if (account.blocked) problems.push(`${at}: G/L account ${number} is blocked in BC`);
    else if (account.accountType && account.accountType !== 'Posting') problems.push(`${at}: G/L account ${number} is a ${account.accountType} account, not a posting account`);
    else if (account.directPosting === false) problems.push(`${at}: G/L account ${number} does not allow direct posting`);
  }
  const currency = settings.customer.defaults.currencyCode;
  if (currency && !bc.currencies.map((c) => c.toUpperCase()).includes(currency.toUpperCase())) {
    problems.push(`orders.customer.defaults.currencyCode: BC has no currency ${currency} (leave it unset for BC's local currency)`);
  }
  const taxArea = settings.customer.defaults.taxAreaId;
  if (taxArea && !bc.taxAreaIds.map((id) => id.toLowerCase()).includes(taxArea.toLowerCase())) {
    problems.push(`orders.customer.defaults.taxAreaId: BC has no tax area with id ${taxArea}`);
  }
  const groups = new Set(bc.taxGroups.map((g) => g.toUpperCase()));
  const taxCodes: Array<[string, string | undefined]> = [
    ['orders.taxGroups.items', settings.taxGroups.items],
    ['orders.taxGroups.nonTaxable', settings.taxGroups.nonTaxable],
    ...Object.entries(settings.taxGroups.byTaxClassId).map(([id, code]): [string, string] => [`orders.taxGroups.byTaxClassId.${id}`, code]),
  ];
  for (const [key, code] of taxCodes) if (code && !groups.has(code.toUpperCase())) problems.push(`${key}: BC has no tax group ${code}`);
  return problems;
}

/** Reads what `checkOrderSettingsAgainstBc` needs, only the lists the settings refer to. */
export async function loadBcReferenceData(bc: BusinessCentralApi, settings: OrderSyncSettings): Promise<BcReferenceData> {
  const anyAccount = Object.values(settings.accounts).some(Boolean);
  const anyGroup = Boolean(settings.taxGroups.items || settings.taxGroups.nonTaxable || Object.keys(settings.taxGroups.byTaxClassId).length);
  const [accounts, currencies, taxAreas, taxGroups] = await Promise.all([
    anyAccount ? bc.accounts.list() : [],
    settings.customer.defaults.currencyCode ? bc.currencies.list() : [],
    settings.customer.defaults.taxAreaId ? bc.taxAreas.list() : [],
    anyGroup ? bc.taxGroups.list() : [],
  ]);
  return {
    accounts: accounts.map((a) => ({ number: a.number, blocked: a.blocked, accountType: a.accountType, directPosting: a.directPosting })),
    currencies: currencies.map((c) => c.code),
    taxAreaIds: taxAreas.map((t) => t.id),
    taxGroups: taxGroups.map((g) => g.code),
  };
}
