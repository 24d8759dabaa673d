import type { TopicContract } from '@mlc/contracts';
import type { HooksPort, OrdersPort } from '@mlc/bigcommerce';
import type { ConnectionCredentials } from '@mlc/connections';
import type { Logger } from '@mlc/platform-observability';
import type { BcWatchPort } from '../business-central/bc-watch.port';
import type { WatchSchedule } from '../config';

/** Where the watcher's events go (the EventProducer: idempotent, acks=all, keys from the contract). */
export interface EventSink {
  publishMany<V>(contract: TopicContract, values: V[]): Promise<unknown>;
}

/** The store API the watcher uses: order polls and hooks. */
export type StoreWatchPort = Pick<OrdersPort, 'listOrdersModifiedSince'> &
  Pick<HooksPort, 'listHooks' | 'createHook' | 'updateHook'>;

/** One connection's clients and secrets, built on first use and cached by the service kit. */
export interface ConnectionResources {
  bigcommerce(connectionId: string): Promise<StoreWatchPort>;
  businessCentral(connectionId: string): Promise<BcWatchPort>;
  credentials(connectionId: string): Promise<ConnectionCredentials>;
}

/** What every watch job is built with. */
export interface JobDeps {
  readonly resources: ConnectionResources;
  readonly sink: EventSink;
  readonly schedule: WatchSchedule;
  /** Where BigCommerce and BC reach ingress (PUBLIC_BASE_URL), without a trailing slash. */
  readonly publicBaseUrl: string;
  /** This replica's lease holder id: watermark writes are fenced by it. */
  readonly holder: string;
  /** Epoch milliseconds; injectable so tests can follow the sandbox clock. */
  readonly now: () => number;
  readonly logger: Logger;
}

/** Values published per Kafka request; keeps requests well under the broker's message size limit. */
export const PUBLISH_CHUNK = 500;

export async function publishInChunks<V>(sink: EventSink, contract: TopicContract, values: readonly V[]): Promise<void> {
  for (let i = 0; i < values.length; i += PUBLISH_CHUNK) {
    await sink.publishMany(contract, values.slice(i, i + PUBLISH_CHUNK));
  }
}
