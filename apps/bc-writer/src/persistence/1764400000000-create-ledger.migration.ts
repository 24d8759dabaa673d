import type { MigrationInterface, QueryRunner } from '@mlc/platform-persistence';

/**
 * bc-writer's ledger (schema `bc_writer`): one row per order and per refund with its explicit state, the snapshots and
 * signals that touched it (sync_attempts), the order-state outbox, SKU mappings and kept links, and customer links.
 * The CLI (mappings, trace, reconcile) reads and writes these tables directly.
 */
export class CreateBcWriterLedger1764400000000 implements MigrationInterface {
  name = 'CreateBcWriterLedger1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table order_ledger (
      connection_id text not null, order_id bigint not null, state text not null,
      content_hash text not null, summary jsonb, snapshot jsonb not null, snapshot_hash text not null,
      settings_version int not null, customer_id text, customer_number text,
      bc_document_type text, bc_document_id text, bc_document_number text, bc_document_etag text,
      bc_invoice_id text, bc_invoice_number text, posted boolean not null default false,
      line_map jsonb, shipped jsonb, write_pending text, last_error text, detail jsonb,
      attempts int not null default 0, received_at timestamptz not null default now(),
      updated_at timestamptz not null default now(), primary key (connection_id, order_id))`);
    await q.query(`create index order_ledger_by_state on order_ledger (connection_id, state)`);
    await q.query(`create table refund_ledger (
      connection_id text not null, order_id bigint not null, refund_id bigint not null, state text not null,
      total_amount numeric(19, 4) not null, snapshot jsonb not null, snapshot_hash text not null,
      bc_credit_memo_id text, bc_credit_memo_number text, bc_credit_memo_etag text,
      posted boolean not null default false, write_pending text, waiting_for_order boolean not null default false,
      last_error text, detail jsonb, attempts int not null default 0,
      created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
      primary key (connection_id, order_id, refund_id))`);
    await q.query(`create table order_snapshots (
      connection_id text not null, order_id bigint not null, snapshot_hash text not null, snapshot jsonb not null,
      fetched_at timestamptz not null default now(), primary key (connection_id, order_id, snapshot_hash))`);
    await q.query(`create table sync_attempts (
      id bigserial primary key, connection_id text not null, order_id bigint not null, refund_id bigint,
      topic text not null, partition int not null, "offset" text not null, source text not null, signal_kind text not null,
      signal_occurred_at timestamptz, started_at timestamptz not null default now(), finished_at timestamptz,
      snapshot_hash text, decision text, transitions jsonb not null default '[]', bc_requests jsonb not null default '{}',
      bigcommerce_requests jsonb not null default '{}', outcome text, error text)`);
    await q.query(`create index sync_attempts_by_order on sync_attempts (connection_id, order_id, id)`);
    await q.query(`create table order_events (
      id bigserial primary key, connection_id text not null, order_id bigint not null, sequence int not null,
      state text not null, payload jsonb not null, created_at timestamptz not null default now(),
      published_at timestamptz, unique (connection_id, order_id, sequence))`);
    await q.query(`create index order_events_unpublished on order_events (connection_id, order_id, sequence)
      where published_at is null`);
    await q.query(`create table sku_mappings (
      connection_id text not null, sku text not null, bc_item_id text, bc_item_number text not null,
      source text not null, updated_at timestamptz not null default now(), primary key (connection_id, sku))`);
    await q.query(`create table item_links (
      connection_id text not null, sku text not null, bc_item_id text not null, bc_item_number text not null,
      via text not null, verified_at timestamptz not null default now(), primary key (connection_id, sku))`);
    await q.query(`create table customer_links (
      connection_id text not null, email_lower text not null, bc_customer_id text not null,
      bc_customer_number text not null, note text not null, updated_at timestamptz not null default now(),
      primary key (connection_id, email_lower))`);
    await q.query(`create index customer_links_by_customer on customer_links (connection_id, bc_customer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'customer_links',
      'item_links',
      'sku_mappings',
      'order_events',
      'sync_attempts',
      'order_snapshots',
      'refund_ledger',
      'order_ledger',
    ]) {
      await q.query(`drop table ${table}`);
    }
  }
}
