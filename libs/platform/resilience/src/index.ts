export * from './retry';
export * from './breaker';
