import type { TopicValue, businesscentralCustomerChangedV1 } from '@mlc/contracts';
import type { Logger } from '@mlc/platform-observability';
import type { CustomerLinksRepository } from '../persistence/customer-links.repository';

export type CustomerChanged = TopicValue<typeof businesscentralCustomerChangedV1>;

/**
 * `businesscentral.customer-changed.v1`: a BC customer changed (blocked, email edited, merged, deleted), so every
 * cached link to it is dropped; the next order of that shopper looks BC up again. Idempotent.
 */
export class CustomerChangedHandler {
  constructor(
    private readonly links: CustomerLinksRepository,
    private readonly serves: (connectionId: string) => boolean,
    private readonly logger: Logger,
  ) {}

  readonly handle = async (change: CustomerChanged): Promise<void> => {
    if (!this.serves(change.connectionId)) return;
    const forgotten = await this.links.forgetCustomer(change.connectionId, change.customerId);
    if (forgotten > 0) {
      this.logger.info({ connectionId: change.connectionId, changeType: change.changeType, forgotten }, 'customer cache entries dropped');
    }
  };
}
