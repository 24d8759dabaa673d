import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { CliError, EXIT } from '../cli-error';
import { loadBackfillConfig } from './backfill.config';
import { BackfillLine, BackfillSummary, exitCodeOf, LineSplitter, renderSummary } from './backfill-report';

const PHASES: Readonly<Record<string, string>> = {
  'scan-store': 'scanning store products',
  'read-bc': 'reading BC items',
  map: 'building the SKU map',
  'read-levels': 'reading store levels',
  push: 'pushing to the store',
  done: 'done',
};

/**
 * `ml-connector backfill catalog --connection <id> [--dry-run]`: asks catalog-writer (which owns the SKU map, the
 * store's rate limiter and the one-at-a-time inventory calls) for a full price and stock push, shows its progress
 * and prints the summary: changed, unchanged, skipped by reason, failed.
 */
export function registerBackfillCommand(program: Command): void {
  const backfill = program.command('backfill').description('Push everything once, in full');
  backfill
    .command('catalog')
    .description('Push every BC price and stock level to the store once, through catalog-writer')
    .requiredOption('--connection <id>', 'the connection to backfill')
    .option('--dry-run', 'plan and report without writing to the store', false)
    .option('--url <url>', 'catalog-writer base URL (default: CATALOG_WRITER_URL or http://127.0.0.1:3003)')
    .option('--json', 'print the summary as JSON')
    .action(async (options: { connection: string; dryRun: boolean; url?: string; json?: boolean }) => {
      const config = loadBackfillConfig();
      const base = (options.url ?? config.CATALOG_WRITER_URL).replace(/\/+$/, '');
      const url = `${base}/admin/connections/${encodeURIComponent(options.connection)}/backfill-catalog${options.dryRun ? '?dryRun=true' : ''}`;
      const summary = await stream(url, config.ADMIN_TOKEN);
      process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : renderSummary(summary));
      process.exitCode = exitCodeOf(summary);
    });
}

async function stream(url: string, token: string): Promise<BackfillSummary> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new CliError(`catalog-writer is not reachable at ${new URL(url).origin} (is it running? make up)`);
  }
  if (!res.ok || !res.body) {
    const code = res.status === 401 || res.status === 403 ? EXIT.refused : EXIT.failed;
    throw new CliError(`catalog-writer answered ${res.status}: ${(await res.text()).slice(0, 200)}`, code);
  }
  const progress = new Progress();
  const splitter = new LineSplitter();
  let summary: BackfillSummary | undefined;
  const decoder = new TextDecoder();
  const handle = (text: string) => {
    const line = JSON.parse(text) as BackfillLine;
    if (line.type === 'progress') progress.update(line.phase, line.done, line.total);
    else if (line.type === 'summary') summary = line;
    else throw new CliError(`backfill failed: ${line.message}`, line.code === 'NOT_FOUND' ? EXIT.notFound : EXIT.failed);
  };
  try {
    for await (const chunk of res.body) splitter.push(decoder.decode(chunk, { stream: true })).forEach(handle);
    splitter.end().forEach(handle);
  } finally {
    progress.stop();
  }
  if (!summary) throw new CliError('catalog-writer ended the backfill without a summary');
  return summary;
}

/** A progress bar on a terminal; one line per phase otherwise (logs, CI). */
class Progress {
  private readonly tty = process.stderr.isTTY === true;
  private readonly bar = new SingleBar({
    format: '{phase} [{bar}] {value}/{total}',
    stream: process.stderr,
    hideCursor: true,
  });
  private phase = '';

  update(phase: string, done: number, total?: number): void {
    const label = PHASES[phase] ?? phase;
    if (phase !== this.phase) {
      this.phase = phase;
      if (this.tty) this.bar.stop();
      if (this.tty) this.bar.start(total ?? Math.max(done, 1), done, { phase: label.padEnd(24) });
      else process.stderr.write(`${label}...\n`);
      return;
    }
    if (!this.tty) return;
    this.bar.setTotal(total ?? Math.max(done, 1));
    this.bar.update(done, { phase: label.padEnd(24) });
  }

  stop(): void {
    if (this.tty) this.bar.stop();
  }
}
