import { CreateParkingLot1764300000000 } from '@mlc/platform-kafka';
import type { MigrationInterface, QueryRunner } from '@mlc/platform-persistence';

/** bc-watcher's own Postgres schema. */
export const WATCHER_SCHEMA = 'bc_watcher';

/**
 * The watcher's state: scheduler leases, poll watermarks, the last stock scan (a compact fingerprint per item: one
 * 32-bit hash of the stock level and one of the other scanned fields, so a diff can tell a stock movement from an
 * item change), the subscriptions and hooks it keeps, and rescan requests waiting for the connection's leader.
 */
export class CreateWatcherTables1764400000000 implements MigrationInterface {
  name = 'CreateWatcherTables1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table leases (
      connection_id text primary key, holder text not null, expires_at timestamptz not null,
      acquired_at timestamptz not null default now())`);
    await q.query(`create table watermarks (
      connection_id text not null, stream text not null, value timestamptz not null, polled_at timestamptz,
      updated_at timestamptz not null default now(), primary key (connection_id, stream))`);
    await q.query(`create table stock_scan (
      connection_id text not null, item_id uuid not null, stock_hash integer not null, attrs_hash integer not null,
      primary key (connection_id, item_id))`);
    await q.query(`create table scans (
      connection_id text primary key, completed_at timestamptz not null, items integer not null,
      changes integer not null, requests integer not null)`);
    await q.query(`create table subscriptions (
      connection_id text not null, resource text not null, subscription_id text not null,
      notification_url text not null, expires_at timestamptz not null, etag text not null,
      updated_at timestamptz not null default now(), primary key (connection_id, resource))`);
    await q.query(`create table hooks (
      connection_id text not null, scope text not null, hook_id bigint not null, active boolean not null,
      checked_at timestamptz not null default now(), primary key (connection_id, scope))`);
    await q.query(`create table scan_requests (
      connection_id text not null, resource text not null, reason text not null,
      requested_at timestamptz not null default now(), primary key (connection_id, resource))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['scan_requests', 'hooks', 'subscriptions', 'scans', 'stock_scan', 'watermarks', 'leases']) {
      await q.query(`drop table ${table}`);
    }
  }
}

/**
 * Deleted items leave the stock scan: each scan attempt takes the connection's next generation and stamps the rows it
 * sees with it (`seen_in`), and a complete scan deletes the rows it did not stamp. The stamp rewrites every row once
 * per scan, so pages keep room for heap-only updates (fillfactor 70), which skip the index.
 */
export class StockScanGenerations1764500000000 implements MigrationInterface {
  name = 'StockScanGenerations1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table stock_scan add column seen_in integer not null default 0`);
    await q.query(`alter table stock_scan set (fillfactor = 70)`);
    await q.query(`create table scan_generations (connection_id text primary key, generation integer not null)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table scan_generations`);
    await q.query(`alter table stock_scan reset (fillfactor)`);
    await q.query(`alter table stock_scan drop column seen_in`);
  }
}

export const WATCHER_MIGRATIONS = [
  CreateParkingLot1764300000000,
  CreateWatcherTables1764400000000,
  StockScanGenerations1764500000000,
];
