import type { Command } from 'commander';
import { bigcommerceOrderSignalV1, type TopicValue } from '@mlc/contracts';
import { SchemaSerde } from '@mlc/platform-kafka';
import { CliContext, withContext } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { Output, table } from '../output';
import { dlqTopics, DeadLetter, readDeadLetters } from './dead-letters';
import { parseTimeArg } from './time-arg';

const REPLAYED_HEADER = 'x-replayed-from-dlq';

/** `dlq list` and `dlq replay`: dead letters with their reasons, and re-publishing them once the cause is fixed. */
export function registerDlqCommand(program: Command): void {
  const dlq = program.command('dlq').description('Inspect and replay dead letters');
  dlq
    .command('list')
    .description('List dead letters with their reasons')
    .option('--topic <topic>', 'one topic (with or without .dlq)')
    .option('--connection <id>', "only this connection's dead letters (keys starting with <id>:)")
    .option('--json', 'machine-readable output')
    .action((opts: { topic?: string; connection?: string; json?: boolean }) =>
      withContext(async (ctx) => {
        const letters = await load(ctx, opts.topic, opts.connection);
        const replayed = await replayedSet(ctx);
        const rows = letters.map((d) => ({ ...describe(d), replayed: replayed.has(id(d)) }));
        new Output(!!opts.json).result(rows, () => table(rows, ['topic', 'partition', 'offset', 'key', 'code', 'reason', 'at', 'replayed']));
      }),
    );
  dlq
    .command('replay')
    .description('Re-publish dead letters (not replayed before) to their original topics; order signals go back as a manual retry (resync)')
    .option('--topic <topic>', 'one topic (with or without .dlq)')
    .option('--connection <id>', "only this connection's dead letters (keys starting with <id>:)")
    .option('--since <time>', 'only dead letters from this time (ISO 8601 or an age such as 24h)')
    .option('--dry-run', 'only show what would be replayed')
    .option('--json', 'machine-readable output')
    .action((opts: { topic?: string; connection?: string; since?: string; dryRun?: boolean; json?: boolean }) =>
      withContext(async (ctx) => {
        const since = opts.since ? parseTimeArg(opts.since, '--since') : 0;
        const db = await replayDb(ctx);
        const replayed = await replayedSet(ctx);
        const due = (await load(ctx, opts.topic, opts.connection)).filter((d) => !replayed.has(id(d)) && Date.parse(d.deadLetteredAt || '0') >= since);
        const serde = new SchemaSerde(ctx.config.SCHEMA_REGISTRY_URL);
        for (const d of opts.dryRun ? [] : due) {
          const headers = { ...d.headers, [REPLAYED_HEADER]: id(d) };
          await ctx.producer().sendRaw(d.originalTopic, [{ key: d.key, value: await replayValue(serde, d), headers }]);
          await db.query(`insert into dlq_replays (dlq_topic, partition, "offset") values ($1, $2, $3) on conflict do nothing`, [d.dlqTopic, d.partition, d.offset]);
        }
        const rows = due.map(describe);
        new Output(!!opts.json).result({ dryRun: !!opts.dryRun, replayed: opts.dryRun ? 0 : due.length, letters: rows }, () =>
          `${opts.dryRun ? 'would replay' : 'replayed'} ${due.length} dead letter(s)${due.length ? `\n${table(rows, ['topic', 'partition', 'offset', 'key', 'code', 'reason'])}` : ''}`,
        );
      }),
    );
}

async function load(ctx: CliContext, topic?: string, connection?: string): Promise<DeadLetter[]> {
  const admin = await ctx.admin();
  const topics = await dlqTopics(admin, topic);
  if (topic && topics.length === 0) throw new CliError(`no dead-letter topic for ${topic}`, EXIT.notFound);
  const letters = await readDeadLetters(ctx.kafka(), admin, topics);
  return connection ? letters.filter((d) => d.key?.startsWith(`${connection}:`)) : letters;
}

function replayDb(ctx: CliContext) {
  return ctx.ownDatabase();
}

async function replayedSet(ctx: CliContext): Promise<Set<string>> {
  const rows: Array<{ dlq_topic: string; partition: number; offset: string }> = await (await replayDb(ctx)).query(
    `select dlq_topic, partition, "offset" from dlq_replays`,
  );
  return new Set(rows.map((r) => `${r.dlq_topic}:${r.partition}:${r.offset}`));
}

/**
 * An order signal is re-published as a manual retry (`source: resync`): bc-writer leaves a FAILED order alone on a
 * repeated signal with unchanged content, and replaying a dead letter after fixing its cause is exactly that retry.
 * Other dead letters go back byte for byte.
 */
async function replayValue(serde: SchemaSerde, d: DeadLetter): Promise<Buffer | null> {
  if (d.originalTopic !== bigcommerceOrderSignalV1.name) return d.value;
  const signal = await serde.decode<TopicValue<typeof bigcommerceOrderSignalV1>>(bigcommerceOrderSignalV1, d.value);
  return serde.encode(bigcommerceOrderSignalV1, { ...signal, source: 'resync', occurredAt: new Date().toISOString() });
}

const id = (d: DeadLetter) => `${d.dlqTopic}:${d.partition}:${d.offset}`;
const describe = (d: DeadLetter) => ({ topic: d.originalTopic, partition: d.partition, offset: d.offset, key: d.key, code: d.code, reason: d.reason, at: d.deadLetteredAt });
