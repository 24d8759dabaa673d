import { CreateParkingLot1764300000000 } from '@mlc/platform-kafka';
import type { MigrationInterface, QueryRunner } from '@mlc/platform-persistence';

/**
 * catalog-writer's tables, all keyed by connection:
 * - `sku_map`: one row per mapped store SKU with what was last pushed (price, level, stock basis);
 * - `store_rows`, `bc_item_refs`, `sku_map_builds`: what the map is built from, so one product or item can be
 *   re-classified without scanning everything again, and the skip counts of the last build;
 * - `committed_orders`: the committed-stock reducer's events per order (plain JSON, from `sync.order-state.v1`);
 * - `pending_signals`: coalescing signals not yet covered by a recorded push (the offset is committed once a signal
 *   is here, so none is lost across restarts);
 * - `push_runs`, `push_requests`: what was sent and how it ended; `stock_drift`: the last measurement per SKU.
 */
export class CreateCatalogWriterTables1764400000000 implements MigrationInterface {
  name = 'CreateCatalogWriterTables1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table sku_map (
      connection_id text not null, sku text not null, store_product_id bigint not null, store_variant_id bigint,
      kind text not null, inventory_tracking text not null, bc_item_id uuid not null,
      last_pushed_price text, last_pushed_level integer, basis_inventory text, basis_observed_at bigint,
      last_stock_push_at timestamptz, updated_at timestamptz not null default now(),
      primary key (connection_id, sku))`);
    await q.query(`create index sku_map_by_item on sku_map (connection_id, bc_item_id)`);
    await q.query(`create table store_rows (
      connection_id text not null, store_product_id bigint not null, sku text not null, store_variant_id bigint,
      kind text not null, inventory_tracking text not null)`);
    await q.query(`create index store_rows_by_product on store_rows (connection_id, store_product_id)`);
    await q.query(`create table bc_item_refs (
      connection_id text not null, item_id uuid not null, number text not null, gtin text, type text not null,
      blocked boolean not null, updated_at timestamptz not null default now(), primary key (connection_id, item_id))`);
    await q.query(`create table sku_map_builds (
      connection_id text primary key, built_at timestamptz not null, counts jsonb not null, skipped jsonb not null)`);
    await q.query(`create table committed_orders (
      connection_id text not null, order_id bigint not null, document_type text not null, bc_document_id uuid,
      steps jsonb not null, settled boolean not null, last_event_at timestamptz not null,
      primary key (connection_id, order_id))`);
    await q.query(`create sequence pending_signal_version`);
    await q.query(`create table pending_signals (
      connection_id text not null, kind text not null, ref text not null, occurred_at timestamptz not null,
      version bigint not null, primary key (connection_id, kind, ref))`);
    await q.query(`create table push_runs (
      id bigserial primary key, connection_id text not null, trigger text not null, dry_run boolean not null,
      started_at timestamptz not null, finished_at timestamptz, counts jsonb)`);
    await q.query(`create index push_runs_by_connection on push_runs (connection_id, started_at)`);
    await q.query(`create table push_requests (
      id bigserial primary key, run_id bigint not null references push_runs (id) on delete cascade,
      connection_id text not null, kind text not null, items integer not null, result text not null,
      error_code text, error text, transaction_id text, sent_at timestamptz not null, duration_ms integer not null)`);
    await q.query(`create index push_requests_by_run on push_requests (run_id)`);
    await q.query(`create table stock_drift (
      connection_id text not null, sku text not null, store_level integer not null, expected integer not null,
      drift integer not null, alarm boolean not null, corrected boolean not null, not_corrected_because text,
      measured_at timestamptz not null, primary key (connection_id, sku))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'stock_drift',
      'push_requests',
      'push_runs',
      'pending_signals',
      'committed_orders',
      'sku_map_builds',
      'bc_item_refs',
      'store_rows',
      'sku_map',
    ]) {
      await q.query(`drop table ${table}`);
    }
    await q.query(`drop sequence pending_signal_version`);
  }
}

/**
 * `drift_leases`: which replica runs a connection's drift check (absolute corrections) until when; one row per
 * connection, taken or renewed in one statement.
 */
export class CreateDriftLeases1764500000000 implements MigrationInterface {
  name = 'CreateDriftLeases1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table drift_leases (
      connection_id text primary key, holder text not null, expires_at timestamptz not null,
      acquired_at timestamptz not null default now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table drift_leases`);
  }
}

/** Every migration of the service's schema, in order. */
export const CATALOG_WRITER_MIGRATIONS = [
  CreateParkingLot1764300000000,
  CreateCatalogWriterTables1764400000000,
  CreateDriftLeases1764500000000,
];
