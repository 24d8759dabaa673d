import type { Command } from 'commander';
import { withContext } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { Output, table } from '../output';
import { parseTimeArg } from './time-arg';

interface ReplayOptions {
  group: string;
  topic: string;
  from: string;
  dryRun?: boolean;
  json?: boolean;
}

/**
 * `replay`: rewinds a consumer group on one topic to the first offsets at or after a time, per partition. Effects are
 * idempotent (ledger states, existence checks), so a replay re-processes without creating anything twice.
 */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('Reset a consumer group to a point in time so its events are processed again')
    .requiredOption('--group <group>', 'consumer group, e.g. bc-writer.orders')
    .requiredOption('--topic <topic>', 'topic, e.g. bigcommerce.order-signal.v1')
    .requiredOption('--from <time>', 'ISO 8601 time or an age such as 24h')
    .option('--dry-run', 'only show how many events would be processed again')
    .option('--json', 'machine-readable output')
    .action((opts: ReplayOptions) => replay(opts));
}

async function replay(opts: ReplayOptions): Promise<void> {
  const from = parseTimeArg(opts.from, '--from');
  await withContext(async (ctx) => {
    const admin = await ctx.admin();
    if (!(await admin.listTopics()).includes(opts.topic)) throw new CliError(`topic ${opts.topic} does not exist`, EXIT.notFound);
    const [group] = (await admin.describeGroups([opts.group])).groups;
    const members = group?.members.length ?? 0;
    if (members > 0 && !opts.dryRun) {
      const clients = [...new Set(group!.members.map((m) => `${m.clientId}@${m.clientHost}`))].join(', ');
      throw new CliError(
        `group ${opts.group} has ${members} live member(s) (${clients}): stop the service that consumes it ` +
          `(make down, or scale its deployment to 0), then run replay again`,
        EXIT.refused,
      );
    }
    const targets = await admin.fetchTopicOffsetsByTimestamp(opts.topic, from);
    const high = new Map((await admin.fetchTopicOffsets(opts.topic)).map((p) => [p.partition, Number(p.high)]));
    const [committed] = await admin.fetchOffsets({ groupId: opts.group, topics: [opts.topic] });
    const current = new Map(committed!.partitions.map((p) => [p.partition, Number(p.offset)]));
    const rows = targets
      .map((t) => {
        const to = Number(t.offset) < 0 ? high.get(t.partition)! : Number(t.offset);
        const at = current.get(t.partition) ?? -1;
        const position = at < 0 ? high.get(t.partition)! : at;
        return { partition: t.partition, committed: at < 0 ? 'none' : at, resetTo: to, events: Math.max(0, position - to) };
      })
      .sort((a, b) => a.partition - b.partition);
    const total = rows.reduce((n, r) => n + r.events, 0);
    if (!opts.dryRun) {
      await admin.setOffsets({ groupId: opts.group, topic: opts.topic, partitions: rows.map((r) => ({ partition: r.partition, offset: String(r.resetTo) })) });
    }
    const verb = opts.dryRun ? 'would re-process' : 'will re-process';
    new Output(!!opts.json).result({ group: opts.group, topic: opts.topic, from: new Date(from).toISOString(), dryRun: !!opts.dryRun, events: total, partitions: rows }, () =>
      [table(rows, ['partition', 'committed', 'resetTo', 'events']), `${opts.group} ${verb} ${total} event(s) of ${opts.topic} since ${new Date(from).toISOString()}`].join('\n'),
    );
  });
}
