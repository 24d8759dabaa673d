export * from './database';
export { DataSource } from 'typeorm';
export type { MigrationInterface, QueryRunner } from 'typeorm';
export * from './leases';
