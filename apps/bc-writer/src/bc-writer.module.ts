import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ObservabilityModule, ReadinessRegistry } from '@mlc/platform-observability';
import { BcWriterRuntime, type BcWriterSeams } from './bc-writer.runtime';
import type { BcWriterConfig } from './config';

const BC_WRITER_CONFIG = Symbol('BC_WRITER_CONFIG');

/** bc-writer: health, readiness and metrics over HTTP; the work is two Kafka consumers (see BcWriterRuntime). */
@Module({})
export class BcWriterModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(BcWriterRuntime) private readonly runtime: BcWriterRuntime) {}

  /** `seams` are for tests only (see BcWriterSeams). */
  static forRoot(config: BcWriterConfig, seams: BcWriterSeams = {}): DynamicModule {
    return {
      module: BcWriterModule,
      imports: [ObservabilityModule],
      providers: [
        { provide: BC_WRITER_CONFIG, useValue: config },
        {
          provide: BcWriterRuntime,
          inject: [BC_WRITER_CONFIG, ReadinessRegistry],
          useFactory: (c: BcWriterConfig, readiness: ReadinessRegistry) => BcWriterRuntime.create(c, readiness, seams),
        },
      ],
      exports: [BcWriterRuntime],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}
