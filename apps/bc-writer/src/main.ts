import { Module } from '@nestjs/common';
import { bootOrExit } from '@mlc/platform-config';
import { createLogger, startHttpService } from '@mlc/platform-observability';
import { BcWriterModule } from './bc-writer.module';
import { loadBcWriterConfig } from './config';

void bootOrExit('bc-writer', async () => {
  const config = loadBcWriterConfig();

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
