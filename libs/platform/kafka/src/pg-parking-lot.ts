import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { NewParkedMessage, ParkedMessage, ParkingLot } from './parking-lot.port';

/** Creates the parking tables in the service's schema. Include it in every consuming service's migrations. */
export class CreateParkingLot1764300000000 implements MigrationInterface {
  name = 'CreateParkingLot1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table parked_connections (
      group_id text not null, connection_id text not null, reason text not null,
      parked_at timestamptz not null default now(), drainer text, lease_until timestamptz,
      primary key (group_id, connection_id))`);
    await q.query(`create table parked_messages (
      id bigserial primary key, group_id text not null, connection_id text not null,
      topic text not null, partition int not null, "offset" text not null, key text not null, value bytea,
      headers jsonb not null default '{}', reason text not null, parked_at timestamptz not null default now())`);
    await q.query(`create index parked_messages_by_connection on parked_messages (group_id, connection_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table parked_messages`);
    await q.query(`drop table parked_connections`);
  }
}

interface Row {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: Buffer | null;
  headers: Record<string, string>;
  reason: string;
  parked_at: Date;
}

/** Durable parking in PostgreSQL; the row lock on `parked_connections` serialises appends against unparking. */
export class PgParkingLot implements ParkingLot {
  constructor(private readonly db: DataSource) {}

  async appendIfParked(group: string, connectionId: string, m: NewParkedMessage): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `with c as (select 1 from parked_connections where group_id = $1 and connection_id = $2 for update)
       insert into parked_messages (group_id, connection_id, topic, partition, "offset", key, value, headers, reason)
       select $1, $2, $3, $4, $5, $6, $7, $8, 'behind parked messages' where exists (select 1 from c) returning id`,
      [group, connectionId, m.topic, m.partition, m.offset, m.key, m.value, JSON.stringify(m.headers)],
    );
    return rows.length > 0;
  }

  async park(group: string, connectionId: string, m: NewParkedMessage, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into parked_connections (group_id, connection_id, reason) values ($1, $2, $3)
         on conflict (group_id, connection_id) do nothing`,
        [group, connectionId, reason],
      );
      await tx.query(`select 1 from parked_connections where group_id = $1 and connection_id = $2 for update`, [group, connectionId]);
      await tx.query(
        `insert into parked_messages (group_id, connection_id, topic, partition, "offset", key, value, headers, reason)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [group, connectionId, m.topic, m.partition, m.offset, m.key, m.value, JSON.stringify(m.headers), reason],
      );
    });
  }

  async claim(group: string, connectionId: string, owner: string, leaseMs: number): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `update parked_connections set drainer = $3, lease_until = now() + ($4 || ' milliseconds')::interval
       where group_id = $1 and connection_id = $2 and (drainer is null or drainer = $3 or lease_until < now())
       returning 1`,
      [group, connectionId, owner, String(leaseMs)],
    );
    return flatten(rows).length > 0;
  }

  async peek(group: string, connectionId: string, partition?: number): Promise<ParkedMessage | undefined> {
    const rows: Row[] = await this.db.query(
      // Order by the bigint column: a bare `id` would name the text output column and sort "10" before "2".
      `select id::text as id, topic, partition, "offset", key, value, headers, reason, parked_at from parked_messages
       where group_id = $1 and connection_id = $2 and ($3::int is null or partition = $3::int)
       order by parked_messages.id limit 1`,
      [group, connectionId, partition ?? null],
    );
    const r = rows[0];
    return r && { ...r, parkedAt: r.parked_at };
  }

  async parkedPartitions(group: string, connectionId: string): Promise<number[]> {
    const rows: Array<{ partition: number }> = await this.db.query(
      `select distinct partition from parked_messages where group_id = $1 and connection_id = $2 order by partition`,
      [group, connectionId],
    );
    return rows.map((r) => Number(r.partition));
  }

  async remove(id: string): Promise<void> {
    await this.db.query(`delete from parked_messages where id = $1`, [id]);
  }

  async unparkIfEmpty(group: string, connectionId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const locked: unknown[] = await tx.query(
        `select 1 from parked_connections where group_id = $1 and connection_id = $2 for update`,
        [group, connectionId],
      );
      if (locked.length === 0) return false;
      const left: Array<{ n: number }> = await tx.query(
        `select count(*)::int as n from parked_messages where group_id = $1 and connection_id = $2`,
        [group, connectionId],
      );
      if ((left[0]?.n ?? 0) > 0) return false;
      await tx.query(`delete from parked_connections where group_id = $1 and connection_id = $2`, [group, connectionId]);
      return true;
    });
  }

  async parkedConnections(group: string): Promise<string[]> {
    const rows: Array<{ connection_id: string }> = await this.db.query(
      `select connection_id from parked_connections where group_id = $1 order by parked_at`,
      [group],
    );
    return rows.map((r) => r.connection_id);
  }

  async stats(group: string): Promise<{ count: number; oldestAgeMs: number }> {
    const rows: Array<{ n: number; age: number | null }> = await this.db.query(
      `select count(*)::int as n, (extract(epoch from now() - min(parked_at)) * 1000)::float8 as age
       from parked_messages where group_id = $1`,
      [group],
    );
    return { count: rows[0]?.n ?? 0, oldestAgeMs: Math.round(rows[0]?.age ?? 0) };
  }
}

/** TypeORM returns `[rows, affected]` for UPDATE ... RETURNING on postgres. */
function flatten(rows: unknown[]): unknown[] {
  return Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
}
