import { businesscentralRescanRequestedV1, TopicValue } from '@mlc/contracts';
import { ConsumerPipeline, PgParkingLot } from '@mlc/platform-kafka';
import type { ServiceContext } from '@mlc/service-kit';
import type { WatchStateStore } from '../persistence/watcher-state.port';

type RescanRequested = TopicValue<typeof businesscentralRescanRequestedV1>;

export interface RescanConsumerOptions {
  readonly groupId: string;
  /** False for connections this replica set does not watch (WATCH_CONNECTIONS) or that are not registered. */
  readonly watches: (connectionId: string) => Promise<boolean>;
  readonly onCrash?: (err: unknown) => void;
}

/**
 * `businesscentral.rescan-requested.v1` (a `collection` notification, an operator, a recreated subscription): the
 * request is recorded for the connection's scheduler leader, which runs the rescan within one tick. Any replica may
 * consume it, so the request goes through Postgres rather than to the local scheduler; recording is idempotent.
 */
export function createRescanConsumer(
  ctx: ServiceContext,
  state: WatchStateStore,
  opts: RescanConsumerOptions,
): ConsumerPipeline<RescanRequested> {
  return new ConsumerPipeline<RescanRequested>({
    kafka: ctx.kafka,
    serde: ctx.serde,
    producer: ctx.producer,
    parking: new PgParkingLot(ctx.db),
    groupId: opts.groupId,
    topic: businesscentralRescanRequestedV1,
    logger: ctx.logger,
    // A new group reads the retained requests too: a rescan is idempotent, and none is lost to an offset reset.
    fromBeginning: true,
    onCrash: opts.onCrash,
    handler: async (value) => {
      if (!(await opts.watches(value.connectionId))) return;
      await state.requestScan(value.connectionId, value.resource, value.reason);
      ctx.logger.info({ connectionId: value.connectionId, resource: value.resource, reason: value.reason }, 'rescan requested');
    },
  });
}
