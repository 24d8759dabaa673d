export * from './fake-bigcommerce-api';
export * from './fake-catalog';
export * from './fixtures';
export * from './manual-clock';
export * from './webhook-signing';
export { FailureOptions, ScriptedFailure, ApiMethod } from './scripted-failures';
