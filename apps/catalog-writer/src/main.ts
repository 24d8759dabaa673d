import { bootOrExit } from '@mlc/platform-config';
import { describeError } from '@mlc/platform-errors';
import { createLogger, startHttpService } from '@mlc/platform-observability';
import { migrateOnly } from '@mlc/service-kit';
import { CATALOG_WRITER_MIGRATIONS } from './persistence/catalog-writer.migrations';
import { catalogWriterAppModule } from './catalog-writer.module';
import { SERVICE } from './catalog-writer.runtime';
import { loadCatalogWriterConfig } from './config';

bootOrExit(SERVICE, async () => {
  const config = loadCatalogWriterConfig();
  const migrations = { service: SERVICE, config, schema: config.CATALOG_WRITER_DB_SCHEMA, migrations: CATALOG_WRITER_MIGRATIONS };
  if (await migrateOnly(migrations)) process.exit(0);
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  await startHttpService({
    module: catalogWriterAppModule(config, logger),
    service: SERVICE,
    host: config.BIND_HOST,
    port: config.HTTP_PORT,
    logger,
  });
}).catch((err: unknown) => {
  process.stderr.write(`${SERVICE}: failed to start: ${describeError(err).message}\n`);
  process.exit(1);
});
