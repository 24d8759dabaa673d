import { bootOrExit } from '@mlc/platform-config';
import { describeError } from '@mlc/platform-errors';
import { createLogger, startHttpService } from '@mlc/platform-observability';
import { migrateOnly } from '@mlc/service-kit';
import { loadIngressConfig } from './config';
import { ingressAppModule } from './ingress.module';

bootOrExit('ingress', async () => {
  const config = loadIngressConfig();
  // MIGRATE_ONLY=true: the connection registry's migrations (ingress has no schema of its own), then exit.
  if (await migrateOnly({ service: 'ingress', config: config.env })) process.exit(0);
  const logger = createLogger('ingress', config.logLevel);
  await startHttpService({
    module: ingressAppModule(config, logger),
    service: 'ingress',
    host: config.host,
    port: config.port,
    logger,
    rawBodyOnly: true,
  });
}).catch((err: unknown) => {
  // Not a configuration error (bootOrExit handled those): e.g. the port is taken. One line, no stack.
  process.stderr.write(`ingress: failed to start: ${describeError(err).message}\n`);
  process.exit(1);
});
