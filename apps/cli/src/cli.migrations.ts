import type { MigrationInterface, QueryRunner } from '@mlc/platform-persistence';

/** Which dead letters were already re-published, so a second `dlq replay` does not send them again. */
export class CreateDlqReplays1764300300000 implements MigrationInterface {
  name = 'CreateDlqReplays1764300300000';
  async up(q: QueryRunner) {
    await q.query(`create table dlq_replays (dlq_topic text not null, partition int not null, "offset" text not null,
      replayed_at timestamptz not null default now(), primary key (dlq_topic, partition, "offset"))`);
  }
  async down(q: QueryRunner) {
    await q.query(`drop table dlq_replays`);
  }
}

export const CLI_MIGRATIONS = [CreateDlqReplays1764300300000];
