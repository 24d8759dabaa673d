import type { Kafka } from 'kafkajs';
import type { EventProducer, ParkingLot, SchemaSerde } from '@mlc/platform-kafka';
import type { Logger } from '@mlc/platform-observability';

/** What every catalog-writer consumer shares. */
export interface PipelineDeps {
  readonly kafka: Kafka;
  readonly serde: SchemaSerde;
  readonly producer: EventProducer;
  readonly parking: ParkingLot;
  readonly logger: Logger;
  /** Appended to the group ids (`catalog-writer.items` ...): tests run their own groups. */
  readonly groupSuffix: string;
  /** Whether this deployment serves the connection (CATALOG_WRITER_CONNECTIONS): others' events are ignored. */
  readonly serves: (connectionId: string) => boolean;
  /** Whether the connection exists: events of removed connections are skipped with a warning. */
  readonly exists: (connectionId: string) => Promise<boolean>;
  readonly onCrash?: (err: unknown) => void;
}

/** Whether an event is this deployment's to handle. */
export async function handles(deps: PipelineDeps, connectionId: string, what: string): Promise<boolean> {
  if (!deps.serves(connectionId)) return false;
  if (await deps.exists(connectionId)) return true;
  deps.logger.warn({ connectionId }, `${what} of an unknown connection skipped`);
  return false;
}
