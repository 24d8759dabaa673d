import type { SandboxSystem, SandboxWorld } from '../core/world';
import { BigCommerceSandbox } from './bigcommerce-sandbox';

export {
  DEFAULT_ACCESS_TOKEN,
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEFAULT_STORE_HASH,
} from './store/store-settings';
export { RETRY_SCHEDULE_SECONDS } from './webhooks/webhook-dispatcher';

/**
 * The BigCommerce simulator (`name: 'bigcommerce'`, served on 127.0.0.1:4010 by default): store hash `sandbox`,
 * access token `sandbox-token`, client secret `sandbox-client-secret`. `timeScale` divides the webhook retry
 * schedule.
 */
export function createBigCommerceSandbox(world: SandboxWorld, options: { timeScale: number }): SandboxSystem {
  return new BigCommerceSandbox(world, options);
}
