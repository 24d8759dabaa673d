import type { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createBigCommerceSandbox } from './bigcommerce';
import { createBusinessCentralSandbox } from './business-central';
import type { SandboxConfig } from './config';
import { registerControlRoutes } from './core/control';
import { createSystemServer } from './core/http-server';
import { Router } from './core/router';
import { SandboxSystem, SandboxWorld } from './core/world';

export interface RunningSandbox {
  readonly world: SandboxWorld;
  readonly bigcommerceUrl: string;
  readonly businessCentralUrl: string;
  close(): Promise<void>;
}

/** Starts both simulated systems on their ports (0 picks free ports, for tests). */
export async function startSandbox(config: SandboxConfig): Promise<RunningSandbox> {
  const world = new SandboxWorld(config.SANDBOX_SEED);
  const options = { timeScale: config.SANDBOX_TIME_SCALE };
  const bigcommerce = createBigCommerceSandbox(world, options);
  const businessCentral = createBusinessCentralSandbox(world, options);
  const systems: SandboxSystem[] = [bigcommerce, businessCentral];

  const listen = async (system: SandboxSystem, port: number): Promise<{ server: Server; url: string }> => {
    const router = new Router();
    registerControlRoutes(router, world, systems);
    for (const s of systems) s.registerControl(router);
    system.registerApi(router);
    const server = createSystemServer({
      router,
      faults: world.faults,
      log: world.log,
      now: () => world.clock.nowIso(),
      systemOf: (path) => system.systemOf(path),
      notFound: (req) => system.notFound(req),
      methodNotAllowed: (req, allowed) => system.methodNotAllowed(req, allowed),
      maxBodyBytes: system.maxBodyBytes,
      tooLarge: () => system.tooLarge(),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, config.SANDBOX_HOST, () => resolve());
    });
    const address = server.address() as AddressInfo;
    return { server, url: `http://${config.SANDBOX_HOST}:${address.port}` };
  };

  const bc = await listen(bigcommerce, config.SANDBOX_BIGCOMMERCE_PORT);
  const msbc = await listen(businessCentral, config.SANDBOX_BC_PORT);
  return {
    world,
    bigcommerceUrl: bc.url,
    businessCentralUrl: msbc.url,
    close: async () => {
      world.clock.clear();
      for (const server of [bc.server, msbc.server]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
