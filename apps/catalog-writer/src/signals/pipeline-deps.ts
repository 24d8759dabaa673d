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
  /** Whether a connection exists: events of unknown (removed) connections are skipped with a warning. */
  readonly knows: (connectionId: string) => Promise<boolean>;
  readonly onCrash?: (err: unknown) => void;
}
