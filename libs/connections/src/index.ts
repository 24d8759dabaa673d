export * from './connection';
export * from './connection-registry';
export * from './connections.migrations';
export * from './derived-secrets';
export * from './env-connection';
