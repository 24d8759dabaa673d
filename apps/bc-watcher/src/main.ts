import { bootOrExit } from '@mlc/platform-config';
import { describeError } from '@mlc/platform-errors';
import { createLogger, startHttpService } from '@mlc/platform-observability';
import { migrateOnly } from '@mlc/service-kit';
import { WATCHER_MIGRATIONS, WATCHER_SCHEMA } from './persistence/watcher.migrations';
import { loadWatcherConfig } from './config';
import { watcherAppModule } from './watcher.module';

bootOrExit('bc-watcher', async () => {
  const config = loadWatcherConfig();
  if (await migrateOnly({ service: 'bc-watcher', config: config.env, schema: WATCHER_SCHEMA, migrations: WATCHER_MIGRATIONS })) {
    process.exit(0);
  }
  const logger = createLogger('bc-watcher', config.env.LOG_LEVEL);
  await startHttpService({
    module: watcherAppModule(config, logger),
    service: 'bc-watcher',
    host: config.env.BIND_HOST,
    port: config.env.HTTP_PORT,
    logger,
  });
}).catch((err: unknown) => {
  // Not a configuration error (bootOrExit handled those): e.g. the port is taken. One line, no stack.
  process.stderr.write(`bc-watcher: failed to start: ${describeError(err).message}\n`);
  process.exit(1);
});
