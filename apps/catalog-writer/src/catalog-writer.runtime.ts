import type { Logger, ReadinessRegistry } from '@mlc/platform-observability';
import { createServiceContext, ServiceContext } from '@mlc/service-kit';
import { buildComponents, CatalogWriterComponents } from './catalog-writer.components';
import type { CatalogWriterConfig } from './config';
import { CATALOG_WRITER_MIGRATIONS } from './persistence/catalog-writer.migrations';

export const SERVICE = 'catalog-writer';

/**
 * catalog-writer's lifecycle: connect (waiting for Kafka, the registry and Postgres), resume pending signals, then
 * consume; on shutdown stop consuming first, let the pushes under way finish (their signals are recorded), and close.
 */
export class CatalogWriterRuntime {
  private started = false;

  private constructor(
    readonly ctx: ServiceContext,
    readonly components: CatalogWriterComponents,
  ) {}

  static async create(
    config: CatalogWriterConfig,
    logger: Logger,
    readiness: ReadinessRegistry,
    onCrash: (err: unknown) => void = () => process.exit(1),
  ): Promise<CatalogWriterRuntime> {
    const ctx = await createServiceContext({
      service: SERVICE,
      config,
      schema: config.CATALOG_WRITER_DB_SCHEMA,
      migrations: CATALOG_WRITER_MIGRATIONS,
      readiness,
      logger,
    });
    return new CatalogWriterRuntime(ctx, buildComponents(ctx, config, onCrash));
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { items, products, pipelines, drift, mappingsWatch } = this.components;
    await items.start();
    await products.start();
    for (const pipeline of pipelines) await pipeline.start();
    drift.start();
    mappingsWatch.start();
    this.ctx.logger.info({ pending: items.pending() + products.pending() }, 'catalog-writer consuming');
  }

  async close(): Promise<void> {
    const { items, products, pipelines, drift, mappingsWatch } = this.components;
    for (const pipeline of pipelines) await pipeline.stop().catch(() => undefined);
    await mappingsWatch.stop();
    await drift.stop();
    await items.stop();
    await products.stop();
    await this.ctx.close();
  }
}
