export * from './service.config';
export * from './connection-clients';
export * from './env-connection';
export * from './service-context';
