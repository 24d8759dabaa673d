export { BigCommerceOpenApi, bigcommerceOpenApiDir, SPEC_GAPS } from './openapi-validator';
export type { ValidationResult } from './openapi-validator';
export { BigCommerceTestSandbox, eventually } from './test-sandbox';
export type { ApiAnswer, TestSandboxOptions } from './test-sandbox';
export { WebhookReceiver } from './webhook-receiver';
export type { ReceivedDelivery } from './webhook-receiver';
