import type { SandboxSystem, SandboxWorld } from '../core/world';
import { BusinessCentralSandbox } from './bc-sandbox';

export { BC_DEFAULTS } from './bc-identity';
export { BusinessCentralSandbox } from './bc-sandbox';

/**
 * The Business Central API v2.0 simulator with its Entra ID token endpoint (`/{tenant}/oauth2/v2.0/token`), served
 * on one port. `timeScale` divides documented waits (notification delay, retry schedule, queue timeout).
 */
export function createBusinessCentralSandbox(world: SandboxWorld, options: { timeScale: number }): SandboxSystem {
  return new BusinessCentralSandbox(world, options);
}
