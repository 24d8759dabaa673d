import type { BigCommerceApi } from '@mlc/bigcommerce';
import { bigcommerceOrderSignalV1, businesscentralCustomerChangedV1 } from '@mlc/contracts';
import { ConsumerPipeline, PgParkingLot, type PipelineOptions } from '@mlc/platform-kafka';
import type { ReadinessRegistry } from '@mlc/platform-observability';
import { createServiceContext, type ServiceContext } from '@mlc/service-kit';
import { DocumentWriter } from './bc/document-writer';
import { ReferenceDataCache } from './bc/reference-data';
import { httpWriterBc } from './bc/writer-bc';
import type { BcWriterConfig } from './config';
import { CustomerChangedHandler, type CustomerChanged } from './consumers/customer-changed.handler';
import { OrderSignalHandler, type OrderSignal } from './consumers/order-signal.handler';
import { ordersByState } from './metrics/bc-writer.metrics';
import { CustomerResolver } from './orders/customer-resolver';
import { ItemResolver } from './orders/item-resolver';
import { OrderDocumentSteps } from './orders/order-document.steps';
import { OrderStatePublisher } from './orders/order-state.publisher';
import { OrderSyncService } from './orders/order-sync.service';
import { BC_WRITER_MIGRATIONS, BC_WRITER_SCHEMA } from './persistence/bc-writer.migrations';
import { CustomerLinksRepository } from './persistence/customer-links.repository';
import { OrderEventsRepository } from './persistence/order-events.repository';
import { OrderLedgerRepository } from './persistence/order-ledger.repository';
import { RefundLedgerRepository } from './persistence/refund-ledger.repository';
import { SkuLinksRepository } from './persistence/sku-links.repository';
import { SyncAttemptsRepository } from './persistence/sync-attempts.repository';
import { RefundSyncService } from './refunds/refund-sync.service';

/** Test seam: wraps a connection's BigCommerce client (e.g. to serve an order edited after sync). */
export interface BcWriterSeams {
  readonly bigcommerce?: (api: BigCommerceApi) => BigCommerceApi;
}

/**
 * Everything bc-writer runs: the service context (Kafka, database with the ledger migrations, connection registry
 * and clients), the two consumer pipelines, the order-state outbox sweep and the ledger gauge.
 */
export class BcWriterRuntime {
  private readonly pipelines: ConsumerPipeline<unknown>[] = [];
  private gaugeTimer?: NodeJS.Timeout;

  private constructor(
    readonly ctx: ServiceContext,
    private readonly config: BcWriterConfig,
    private readonly publisher: OrderStatePublisher,
    readonly ledger: OrderLedgerRepository,
    private readonly seams: BcWriterSeams,
  ) {}

  static async create(config: BcWriterConfig, readiness: ReadinessRegistry, seams: BcWriterSeams = {}): Promise<BcWriterRuntime> {
    const ctx = await createServiceContext({
      service: 'bc-writer',
      config,
      schema: BC_WRITER_SCHEMA,
      migrations: BC_WRITER_MIGRATIONS,
      readiness,
    });
    const ledger = new OrderLedgerRepository(ctx.db);
    const publisher = new OrderStatePublisher(new OrderEventsRepository(ctx.db), ctx.producer, ctx.logger);
    const runtime = new BcWriterRuntime(ctx, config, publisher, ledger, seams);
    runtime.wire();
    return runtime;
  }

  async start(): Promise<void> {
    for (const pipeline of this.pipelines) await pipeline.start();
    this.publisher.start(this.config.BC_WRITER_RESUME_INTERVAL_MS);
    this.gaugeTimer = setInterval(() => void this.refreshGauge(), 15_000);
    this.gaugeTimer.unref();
    this.ctx.logger.info({ groups: this.groups() }, 'bc-writer consuming');
  }

  async stop(): Promise<void> {
    clearInterval(this.gaugeTimer);
    this.publisher.stop();
    await Promise.all(this.pipelines.map((pipeline) => pipeline.stop().catch(() => undefined)));
    await this.ctx.close();
  }

  private wire(): void {
    const { ctx, config } = this;
    const only = config.BC_WRITER_CONNECTIONS;
    const serves = (id: string) => !only || only.length === 0 || only.includes(id);
    const refs = new ReferenceDataCache(config.BC_WRITER_REFERENCE_TTL_MS);
    const customerLinks = new CustomerLinksRepository(ctx.db);
    const items = new ItemResolver(new SkuLinksRepository(ctx.db), config.BC_WRITER_ITEM_LINK_TTL_MS);
    const writer = new DocumentWriter();
    const customers = new CustomerResolver(customerLinks, refs);
    const steps = new OrderDocumentSteps({ items, customers, customerLinks, refs, writer });
    const orders = new OrderSyncService(steps, writer);
    const refunds = new RefundSyncService({ repo: new RefundLedgerRepository(ctx.db), items, refs, writer, orders });
    const handler = new OrderSignalHandler({
      connection: (id) => ctx.registry.get(id),
      bigcommerce: async (id) => {
        const api = await ctx.clients.bigcommerce(id);
        return this.seams.bigcommerce ? this.seams.bigcommerce(api) : api;
      },
      businessCentral: async (id) => httpWriterBc(await ctx.clients.businessCentral(id)),
      ledger: this.ledger,
      attempts: new SyncAttemptsRepository(ctx.db),
      orders,
      refunds,
      publisher: this.publisher,
      logger: ctx.logger,
      serves,
      openCircuit: (id) => ['business-central', 'bigcommerce'].find((system) => ctx.clients.breakers.state(system, id) === 'open'),
    });
    const customerHandler = new CustomerChangedHandler(customerLinks, serves, ctx.logger);
    const [orderGroup, customerGroup] = this.groups();
    this.pipelines.push(
      // Each order partition handled at once gets a group member of its own: one waiting on BC holds back no other.
      this.pipeline<OrderSignal>(orderGroup, bigcommerceOrderSignalV1, handler.handle, { members: this.config.BC_WRITER_CONCURRENCY, partitionsConsumedConcurrently: 1 }),
      this.pipeline<CustomerChanged>(customerGroup, businesscentralCustomerChangedV1, customerHandler.handle, { partitionsConsumedConcurrently: this.config.BC_WRITER_CONCURRENCY }),
    );
  }

  /** Configured group ids are used as given; the defaults get the deployment's KAFKA_GROUP_PREFIX. */
  private groups(): [string, string] {
    return [
      this.config.BC_WRITER_ORDER_GROUP ?? this.ctx.consumerGroup('bc-writer.orders'),
      this.config.BC_WRITER_CUSTOMER_GROUP ?? this.ctx.consumerGroup('bc-writer.customers'),
    ];
  }

  private pipeline<V>(
    groupId: string,
    topic: ConstructorParameters<typeof ConsumerPipeline<V>>[0]['topic'],
    handler: ConstructorParameters<typeof ConsumerPipeline<V>>[0]['handler'],
    concurrency: Pick<PipelineOptions<V>, 'members' | 'partitionsConsumedConcurrently'>,
  ): ConsumerPipeline<unknown> {
    return new ConsumerPipeline<V>({
      kafka: this.ctx.kafka,
      serde: this.ctx.serde,
      producer: this.ctx.producer,
      parking: new PgParkingLot(this.ctx.db),
      groupId,
      topic,
      handler,
      logger: this.ctx.logger,
      resumeIntervalMs: this.config.BC_WRITER_RESUME_INTERVAL_MS,
      fromBeginning: this.ctx.fromBeginning,
      ...concurrency,
    }) as unknown as ConsumerPipeline<unknown>;
  }

  private async refreshGauge(): Promise<void> {
    try {
      const counts = await this.ledger.countsByState();
      ordersByState.reset();
      for (const c of counts) ordersByState.set({ connection: c.connectionId, state: c.state }, c.count);
    } catch (err) {
      this.ctx.logger.warn({ err: String(err) }, 'orders_by_state refresh failed');
    }
  }
}
