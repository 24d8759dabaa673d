export * from './local-stack';
export * from './sandbox-process';
export * from './repo-root';
export * from './scratch-database';
export * from './free-port';
export * from './private-kafka';
export * from './process-end';
