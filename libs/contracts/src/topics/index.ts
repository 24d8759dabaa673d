import { bigcommerceCatalogSignalV1 } from './bigcommerce.catalog-signal.v1/bigcommerce-catalog-signal.v1';
import { bigcommerceOrderSignalV1 } from './bigcommerce.order-signal.v1/bigcommerce-order-signal.v1';
import { bigcommerceWebhookReceivedV1 } from './bigcommerce.webhook-received.v1/bigcommerce-webhook-received.v1';
import { businesscentralCustomerChangedV1 } from './businesscentral.customer-changed.v1/businesscentral-customer-changed.v1';
import { businesscentralItemChangedV1 } from './businesscentral.item-changed.v1/businesscentral-item-changed.v1';
import { businesscentralRescanRequestedV1 } from './businesscentral.rescan-requested.v1/businesscentral-rescan-requested.v1';
import { syncCatalogOutcomeV1 } from './sync.catalog-outcome.v1/sync-catalog-outcome.v1';
import { syncOrderStateV1 } from './sync.order-state.v1/sync-order-state.v1';

export {
  bigcommerceCatalogSignalV1,
  bigcommerceOrderSignalV1,
  bigcommerceWebhookReceivedV1,
  businesscentralCustomerChangedV1,
  businesscentralItemChangedV1,
  businesscentralRescanRequestedV1,
  syncCatalogOutcomeV1,
  syncOrderStateV1,
};
export { ORDER_SYNC_STATES } from './sync.order-state.v1/sync-order-state.v1';

/** Every topic of DESIGN.md section 2 (each has a `.dlq` twin provisioned beside it). */
export const ALL_TOPICS = [
  bigcommerceWebhookReceivedV1,
  bigcommerceOrderSignalV1,
  bigcommerceCatalogSignalV1,
  businesscentralItemChangedV1,
  businesscentralCustomerChangedV1,
  businesscentralRescanRequestedV1,
  syncOrderStateV1,
  syncCatalogOutcomeV1,
] as const;
