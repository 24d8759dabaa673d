export * from './local-stack';
export * from './pipeline-worker-contract';
export * from './sandbox-process';
export * from './repo-root';
