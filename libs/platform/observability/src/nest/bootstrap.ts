import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { PinoNestLogger } from './pino-nest-logger';

export interface HttpServiceOptions {
  readonly module: Type<unknown>;
  readonly service: string;
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  /** Let controllers read bodies themselves (ingress verifies signatures over the raw bytes). */
  readonly rawBodyOnly?: boolean;
}

/**
 * Creates and starts a Nest HTTP service with graceful shutdown: on SIGTERM it stops accepting connections, drains
 * in-flight requests and runs every module's shutdown hooks (consumers disconnect, committing their offsets).
 */
export async function startHttpService(options: HttpServiceOptions): Promise<INestApplication> {
  const app = await NestFactory.create(options.module, {
    logger: new PinoNestLogger(options.logger),
    bodyParser: !options.rawBodyOnly,
    abortOnError: false,
  });
  app.enableShutdownHooks();
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000;
  await app.listen(options.port, options.host);
  options.logger.info({ host: options.host, port: options.port }, `${options.service} listening`);
  return app;
}
