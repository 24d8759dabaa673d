export * from './local-stack';
export * from './pipeline-worker-contract';
