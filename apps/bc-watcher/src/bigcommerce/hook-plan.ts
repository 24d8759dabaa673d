import type { BigCommerceHook } from '@mlc/bigcommerce';
import type { HookState } from '../persistence/watcher-state.port';

/**
 * The scopes the connector subscribes to: orders and refunds (bc-writer), products and SKUs (catalog-writer's SKU
 * map), and product inventory edits (drift detection). Exact scopes rather than wildcards, so each one's state shows
 * in `ml_connector_hooks_active{scope}`.
 */
export const HOOK_SCOPES = [
  'store/order/created',
  'store/order/updated',
  'store/order/statusUpdated',
  'store/order/archived',
  'store/order/refund/created',
  'store/product/created',
  'store/product/updated',
  'store/product/deleted',
  'store/product/inventory/updated',
  'store/sku/created',
  'store/sku/updated',
  'store/sku/deleted',
] as const;

export interface DesiredHooks {
  readonly destination: string;
  /** The connection's secret header, sent by BigCommerce on every delivery. */
  readonly header: { readonly name: string; readonly value: string };
  readonly scopes: readonly string[];
}

export type HookAction =
  | { readonly kind: 'create'; readonly scope: string }
  | { readonly kind: 'reactivate'; readonly scope: string; readonly hook: BigCommerceHook; readonly fixHeaders: boolean }
  | { readonly kind: 'fix-headers'; readonly scope: string; readonly hook: BigCommerceHook }
  | { readonly kind: 'keep'; readonly scope: string; readonly hook: BigCommerceHook };

export interface HookPlan {
  readonly actions: readonly HookAction[];
  /**
   * Scopes whose deliveries may have been lost: a hook BigCommerce deactivated (about 48 h of failures, or 90 idle
   * days) or one that disappeared (app reinstalled, account deleted) since the last check.
   */
  readonly gaps: readonly string[];
}

/** Decides, per scope, how to make the connection's hooks exist, be active and carry the current secret. */
export function planHooks(
  desired: DesiredHooks,
  listed: readonly BigCommerceHook[],
  recorded: ReadonlyMap<string, HookState>,
): HookPlan {
  const actions: HookAction[] = [];
  const gaps: string[] = [];
  for (const scope of desired.scopes) {
    const matching = listed.filter((h) => h.scope === scope && h.destination === desired.destination);
    const hook = matching.find((h) => h.is_active) ?? matching[0];
    if (!hook) {
      if (recorded.has(scope)) gaps.push(scope);
      actions.push({ kind: 'create', scope });
      continue;
    }
    const fixHeaders = !carriesSecret(hook, desired.header);
    if (!hook.is_active) {
      gaps.push(scope);
      actions.push({ kind: 'reactivate', scope, hook, fixHeaders });
    } else if (fixHeaders) {
      actions.push({ kind: 'fix-headers', scope, hook });
    } else {
      actions.push({ kind: 'keep', scope, hook });
    }
  }
  return { actions, gaps };
}

/** True when the scope's deliveries matter to orders (a gap there needs the catch-up order poll). */
export function isOrderScope(scope: string): boolean {
  return scope.startsWith('store/order/');
}

function carriesSecret(hook: BigCommerceHook, header: DesiredHooks['header']): boolean {
  const wanted = header.name.toLowerCase();
  const entry = Object.entries(hook.headers ?? {}).find(([name]) => name.toLowerCase() === wanted);
  return entry?.[1] === header.value;
}
