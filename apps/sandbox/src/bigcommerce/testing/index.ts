export { BigCommerceOpenApi, bigcommerceOpenApiDir, SPEC_GAPS } from './openapi-validator';
export type { ValidationResult } from './openapi-validator';
export { BigCommerceTestSandbox, eventually } from './test-sandbox';
export type { ApiAnswer, TestSandboxOptions } from './test-sandbox';
export { WebhookReceiver } from './webhook-receiver';
export type { ReceivedDelivery } from './webhook-receiver';

/**
 * A decoded JSON body in tests, read field by field and checked with `expect`; its shape is what the assertions
 * (and the OpenAPI suite) verify, so it is deliberately untyped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonBody = Record<string, any>;
export { buildSampleStore } from './sample-store';
export type { SampleOrders } from './sample-store';
export { useOpenApiSuite } from './openapi-suite';
export type { OpenApiSuite } from './openapi-suite';
