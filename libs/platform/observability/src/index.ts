export * from './metrics';
export * from './logger';
export * from './nest/readiness';
export * from './nest/observability.module';
export * from './nest/pino-nest-logger';
export * from './nest/bootstrap';
