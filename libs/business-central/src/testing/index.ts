// Test doubles for @mlc/business-central: an in-memory BC, a scripted transport, a token source, a manual clock.
export { FakeBusinessCentral } from './fake-business-central';
export type { FakeBusinessCentralOptions } from './fake-business-central';
export { FakeRuntime } from './fake-runtime';
export type { FailNextOptions, FakeFailure } from './fake-runtime';
export { FakeEntitySet } from './fake-master-data';
export { FakeDocumentStore } from './fake-sales-documents';
export { FakeSubscriptions } from './fake-subscriptions';
export { FakeHttpTransport, bcErrorReply, jsonReply } from './fake-http-transport';
export type { FakeReply } from './fake-http-transport';
export { FakeTokenSource } from './fake-token-source';
export { ManualClock, flushPromises } from './manual-clock';
export { describeBusinessCentralPortConformance } from './business-central-port-conformance';
export type { ConformanceTarget } from './business-central-port-conformance';
