export * from './topic-contract';
export * from './common';
export * from './topics';
export { toJsonSchema } from './json-schema';
