import { Command, CommanderError } from 'commander';
import { ConfigError } from '@mlc/platform-config';
import { describeError, PermanentError } from '@mlc/platform-errors';
import { CliError, EXIT } from './cli-error';
import { registerConnectionsCommand } from './commands/connections.command';
import { registerDemoCommand } from './commands/demo.command';
import { registerMappingsCommand } from './commands/mappings.command';
import { registerResyncCommand } from './commands/resync.command';
import { registerDlqCommand } from './commands/dlq.command';
import { registerKeysCommand } from './commands/keys.command';
import { registerMigrateCommand } from './commands/migrate.command';
import { registerReplayCommand } from './commands/replay.command';
import { registerBackfillCommand } from './commands/backfill.command';
import { registerTraceCommand } from './commands/trace.command';
import { registerReconcileCommand } from './commands/reconcile.command';

const program = new Command()
  .name('ml-connector')
  .description('Operate ml-connector: connections, mappings, replay, dead letters, trace, backfill, reconcile')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerDemoCommand(program);
registerMappingsCommand(program);
registerResyncCommand(program);
registerConnectionsCommand(program);
registerKeysCommand(program);
registerMigrateCommand(program);
registerReplayCommand(program);
registerDlqCommand(program);
registerBackfillCommand(program);
registerTraceCommand(program);
registerReconcileCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof CliError) {
    process.stderr.write(`ml-connector: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`ml-connector: configuration error: ${err.message}\n`);
    process.exit(78);
  }
  const { code, message } = describeError(err);
  process.stderr.write(`ml-connector: ${message} (${code})\n`);
  // Bad input and unknown records keep the exit codes CliError uses for them; anything else is a failure.
  process.exit(err instanceof PermanentError && code === 'VALIDATION' ? EXIT.usage : err instanceof PermanentError && code === 'NOT_FOUND' ? EXIT.notFound : EXIT.failed);
});
