import { PermanentError } from '@mlc/platform-errors';
import type { ServiceContext } from '@mlc/service-kit';
import { BcWatchAdapter } from './business-central/bc-watch.adapter';
import type { BcWatchPort } from './business-central/bc-watch.port';
import type { ConnectionResources, StoreWatchPort } from './scheduling/job-deps';

/** Connection clients from the service kit (shared rate limiters and breakers), adapted to the watcher's ports. */
export class ServiceConnectionResources implements ConnectionResources {
  constructor(private readonly ctx: ServiceContext) {}

  bigcommerce(connectionId: string): Promise<StoreWatchPort> {
    return this.ctx.clients.bigcommerce(connectionId);
  }

  async businessCentral(connectionId: string): Promise<BcWatchPort> {
    const connection = await this.ctx.registry.get(connectionId);
    if (!connection) throw new PermanentError('NOT_FOUND', `connection ${connectionId} does not exist`);
    return new BcWatchAdapter(await this.ctx.clients.businessCentral(connectionId), connection.businessCentral.companyId);
  }

  credentials(connectionId: string) {
    return this.ctx.registry.credentials(connectionId);
  }
}
