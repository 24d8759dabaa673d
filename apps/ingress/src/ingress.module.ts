import {
  BeforeApplicationShutdown,
  DynamicModule,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Type,
} from '@nestjs/common';
import type { Server } from 'node:http';
import { APP_FILTER, HttpAdapterHost } from '@nestjs/core';
import { Logger, ObservabilityModule, ReadinessRegistry } from '@mlc/platform-observability';
import { BigCommerceWebhookController } from './bigcommerce/bigcommerce-webhook.controller';
import { BigCommerceWebhookHandler } from './bigcommerce/bigcommerce-webhook.handler';
import { IngressRuntime } from './boot/ingress-runtime';
import { BcNotificationController } from './business-central/bc-notification.controller';
import { BcNotificationHandler } from './business-central/bc-notification.handler';
import type { IngressConfig } from './config';
import { InternalErrorFilter } from './http/internal-error.filter';
import { INGRESS_CONFIG, INGRESS_LOGGER } from './ingress.tokens';

/** Wires ingress: the runtime (dependencies and their lifecycle), the two handlers, their controllers. */
@Module({})
export class IngressModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private idleCloser?: NodeJS.Timeout;

  constructor(
    private readonly runtime: IngressRuntime,
    private readonly readiness: ReadinessRegistry,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  static forRoot(config: IngressConfig, logger: Logger): DynamicModule {
    return {
      module: IngressModule,
      imports: [ObservabilityModule],
      controllers: [BigCommerceWebhookController, BcNotificationController],
      providers: [
        { provide: INGRESS_CONFIG, useValue: config },
        { provide: INGRESS_LOGGER, useValue: logger },
        { provide: APP_FILTER, useClass: InternalErrorFilter },
        { provide: IngressRuntime, useFactory: () => new IngressRuntime(config, logger) },
        {
          provide: BigCommerceWebhookHandler,
          inject: [IngressRuntime],
          useFactory: (runtime: IngressRuntime) =>
            new BigCommerceWebhookHandler(runtime.directory, runtime.dedup, runtime.publisher, {
              accepting: () => runtime.accepting,
              publishTimeoutMs: config.publishTimeoutMs,
              retryAfterSeconds: config.retryAfterSeconds,
            }),
        },
        {
          provide: BcNotificationHandler,
          inject: [IngressRuntime],
          useFactory: (runtime: IngressRuntime) =>
            new BcNotificationHandler(runtime.directory, runtime.publisher, {
              accepting: () => runtime.accepting,
              publishTimeoutMs: config.publishTimeoutMs,
              retryAfterSeconds: config.retryAfterSeconds,
            }),
        },
      ],
      exports: [IngressRuntime],
    };
  }

  onApplicationBootstrap(): void {
    this.adapterHost.httpAdapter.getInstance<{ disable(setting: string): void }>().disable('x-powered-by');
    this.runtime.start(this.readiness);
  }

  /**
   * Before the HTTP server closes: requests still arriving get 503 and in-flight ones finish. Keep-alive connections
   * are closed as soon as they fall idle (Node closes only those idle at the moment close() is called), so the drain
   * ends when the last in-flight request has been answered rather than after the keep-alive timeout.
   */
  beforeApplicationShutdown(): void {
    this.runtime.beginShutdown();
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.idleCloser = setInterval(() => server.closeIdleConnections(), 50);
    this.idleCloser.unref();
  }

  /** After the HTTP server drained: flush what the producer holds, then disconnect. */
  onApplicationShutdown(): Promise<void> {
    clearInterval(this.idleCloser);
    return this.runtime.close();
  }
}

/** The root module for one configured ingress (startHttpService takes a module class). */
export function ingressAppModule(config: IngressConfig, logger: Logger): Type<unknown> {
  @Module({ imports: [IngressModule.forRoot(config, logger)] })
  class IngressAppModule {}
  return IngressAppModule;
}
