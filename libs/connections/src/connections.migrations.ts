import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The registry's own schema (`connections`): written by the CLI, read by every service. */
export class CreateConnections1764300100000 implements MigrationInterface {
  name = 'CreateConnections1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table connections (
      id text primary key,
      name text not null,
      store_hash text not null,
      store_id text not null,
      bc_tenant_id text not null,
      bc_environment text not null,
      bc_company_id text not null,
      bc_client_id text not null,
      settings jsonb not null,
      settings_version int not null default 1,
      credentials text not null,
      key_id text not null,
      source text not null check (source in ('cli', 'env')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    await q.query(`create table settings_history (
      connection_id text not null,
      version int not null,
      settings jsonb not null,
      changed_at timestamptz not null default now(),
      changed_by text not null,
      primary key (connection_id, version))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table settings_history`);
    await q.query(`drop table connections`);
  }
}

export const CONNECTIONS_MIGRATIONS = [CreateConnections1764300100000];
export const CONNECTIONS_SCHEMA = 'connections';
