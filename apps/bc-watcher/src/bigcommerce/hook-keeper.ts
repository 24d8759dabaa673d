import type { BigCommerceHook } from '@mlc/bigcommerce';
import { HOOK_SECRET_HEADER, hookSecret } from '@mlc/connections';
import { hookReactivated, setHookActive } from '../metrics/watcher-metrics';
import type { WatchStateStore } from '../persistence/watcher-state.port';
import type { JobDeps, StoreWatchPort } from '../scheduling/job-deps';
import { DesiredHooks, HOOK_SCOPES, HookAction, planHooks } from './hook-plan';

/** The ingress route BigCommerce delivers a connection's webhooks to. */
export function hookDestination(publicBaseUrl: string, connectionId: string): string {
  return `${publicBaseUrl}/webhooks/bigcommerce/${connectionId}`;
}

/**
 * Keeps the connection's BigCommerce hooks: one per scope on the ingress destination, active, carrying the derived
 * secret header. BigCommerce deactivates a hook after about 48 hours of failed deliveries or 90 idle days, and
 * deliveries in between are gone: such hooks are reactivated and the scopes reported as gaps, so the caller runs the
 * catch-up poll from the watermark. A create whose answer was lost is found by the next check's listing.
 */
export class HookKeeper {
  constructor(
    private readonly deps: JobDeps,
    private readonly state: WatchStateStore,
  ) {}

  /** Returns the scopes whose deliveries may have been missed. */
  async check(connectionId: string): Promise<readonly string[]> {
    const store = await this.deps.resources.bigcommerce(connectionId);
    const creds = await this.deps.resources.credentials(connectionId);
    const desired: DesiredHooks = {
      destination: hookDestination(this.deps.publicBaseUrl, connectionId),
      header: { name: HOOK_SECRET_HEADER, value: hookSecret(connectionId, creds) },
      scopes: HOOK_SCOPES,
    };
    const listed = await store.listHooks({ destination: desired.destination });
    const plan = planHooks(desired, listed, await this.state.hooks(connectionId));
    for (const action of plan.actions) {
      const hook = await this.apply(store, desired, action);
      if (action.kind === 'reactivate') {
        hookReactivated.inc({ connection: connectionId, scope: action.scope });
        this.deps.logger.warn({ connectionId, scope: action.scope, hookId: hook.id }, 'BigCommerce hook reactivated');
      }
      await this.state.saveHook(connectionId, action.scope, { hookId: hook.id, active: hook.is_active });
      setHookActive(connectionId, action.scope, hook.is_active);
    }
    if (plan.gaps.length > 0) this.deps.logger.warn({ connectionId, scopes: plan.gaps }, 'webhook gap: catch-up poll');
    return plan.gaps;
  }

  private async apply(store: StoreWatchPort, desired: DesiredHooks, action: HookAction): Promise<BigCommerceHook> {
    const headers = { [desired.header.name]: desired.header.value };
    switch (action.kind) {
      case 'create':
        return store.createHook({ scope: action.scope, destination: desired.destination, headers, isActive: true });
      case 'reactivate':
        return store.updateHook(action.hook.id, { isActive: true, ...(action.fixHeaders ? { headers } : {}) });
      case 'fix-headers':
        return store.updateHook(action.hook.id, { headers });
      case 'keep':
        return action.hook;
    }
  }
}
