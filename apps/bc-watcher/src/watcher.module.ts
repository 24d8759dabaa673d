import { DynamicModule, Module, OnApplicationBootstrap, OnApplicationShutdown, Type } from '@nestjs/common';
import { Logger, ObservabilityModule, ReadinessRegistry } from '@mlc/platform-observability';
import type { WatcherConfig } from './config';
import { WatcherOverrides, WatcherRuntime } from './watcher-runtime';

/** Wires bc-watcher: health and metrics endpoints, and the runtime (scheduler and rescan consumer). */
@Module({})
export class WatcherModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runtime: WatcherRuntime,
    private readonly readiness: ReadinessRegistry,
  ) {}

  static forRoot(config: WatcherConfig, logger: Logger, overrides: WatcherOverrides = {}): DynamicModule {
    return {
      module: WatcherModule,
      imports: [ObservabilityModule],
      providers: [{ provide: WatcherRuntime, useFactory: () => new WatcherRuntime(config, logger, overrides) }],
      exports: [WatcherRuntime],
    };
  }

  onApplicationBootstrap(): void {
    this.runtime.start(this.readiness);
  }

  onApplicationShutdown(): Promise<void> {
    return this.runtime.close();
  }
}

/** The root module for one configured watcher (startHttpService takes a module class). */
export function watcherAppModule(config: WatcherConfig, logger: Logger, overrides: WatcherOverrides = {}): Type<unknown> {
  @Module({ imports: [WatcherModule.forRoot(config, logger, overrides)] })
  class WatcherAppModule {}
  return WatcherAppModule;
}
