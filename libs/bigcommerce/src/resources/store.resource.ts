import { BigCommerceClient } from '../client/bigcommerce-client';
import { requestPath } from '../client/request-path';
import { StorePort } from '../bigcommerce-api.port';
import { BigCommerceStoreInformation, storeInformationSchema } from '../schemas/store.schema';

export class StoreResource implements StorePort {
  constructor(private readonly client: BigCommerceClient) {}

  async storeInformation(): Promise<BigCommerceStoreInformation> {
    return this.client.request({ method: 'GET', path: requestPath('/v2/store'), schema: storeInformationSchema });
  }
}
