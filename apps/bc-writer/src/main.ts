import { Module } from '@nestjs/common';
import { bootOrExit } from '@mlc/platform-config';
import { createLogger, startHttpService } from '@mlc/platform-observability';
import { migrateOnly } from '@mlc/service-kit';
import { BC_WRITER_MIGRATIONS, BC_WRITER_SCHEMA } from './persistence/bc-writer.migrations';
import { BcWriterModule } from './bc-writer.module';
import { loadBcWriterConfig } from './config';

void bootOrExit('bc-writer', async () => {
  const config = loadBcWriterConfig();
  if (await migrateOnly({ service: 'bc-writer', config, schema: BC_WRITER_SCHEMA, migrations: BC_WRITER_MIGRATIONS })) {
    process.exit(0);
  }

  @Module({ imports: [BcWriterModule.forRoot(config)] })
  class BcWriterAppModule {}

  await startHttpService({
    module: BcWriterAppModule,
    service: 'bc-writer',
    host: config.BIND_HOST,
    port: config.HTTP_PORT,
    logger: createLogger('bc-writer', config.LOG_LEVEL),
  });
});
