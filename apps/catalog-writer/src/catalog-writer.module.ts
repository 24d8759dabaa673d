import { DynamicModule, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown, Type } from '@nestjs/common';
import { Logger, ObservabilityModule, ReadinessRegistry } from '@mlc/platform-observability';
import { BackfillController } from './backfill/backfill.controller';
import { BackfillService } from './backfill/backfill.service';
import { BACKFILL_OPTIONS } from './backfill/backfill.tokens';
import { CatalogWriterRuntime } from './catalog-writer.runtime';
import type { CatalogWriterConfig } from './config';

/** Wires catalog-writer: the runtime (consumers, coalescing, pushes, drift job) and the admin backfill endpoint. */
@Module({})
export class CatalogWriterModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(CatalogWriterRuntime) private readonly runtime: CatalogWriterRuntime) {}

  static forRoot(config: CatalogWriterConfig, logger: Logger, onCrash?: (err: unknown) => void): DynamicModule {
    return {
      module: CatalogWriterModule,
      imports: [ObservabilityModule],
      controllers: [BackfillController],
      providers: [
        {
          provide: CatalogWriterRuntime,
          inject: [ReadinessRegistry],
          useFactory: (readiness: ReadinessRegistry) => CatalogWriterRuntime.create(config, logger, readiness, onCrash),
        },
        {
          provide: BackfillService,
          inject: [CatalogWriterRuntime],
          useFactory: (runtime: CatalogWriterRuntime) => runtime.components.backfill,
        },
        { provide: BACKFILL_OPTIONS, useValue: { adminToken: config.ADMIN_TOKEN } },
      ],
      exports: [CatalogWriterRuntime],
    };
  }

  onApplicationBootstrap(): Promise<void> {
    return this.runtime.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.runtime.close();
  }
}

/** The root module for one configured catalog-writer (startHttpService takes a module class). */
export function catalogWriterAppModule(
  config: CatalogWriterConfig,
  logger: Logger,
  onCrash?: (err: unknown) => void,
): Type<unknown> {
  @Module({ imports: [CatalogWriterModule.forRoot(config, logger, onCrash)] })
  class CatalogWriterAppModule {}
  return CatalogWriterAppModule;
}
