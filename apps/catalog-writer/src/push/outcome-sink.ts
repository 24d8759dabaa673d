import { syncCatalogOutcomeV1 } from '@mlc/contracts';
import type { EventProducer } from '@mlc/platform-kafka';
import type { CatalogOutcome } from './push-outcomes';

/** Where per-SKU outcomes go (`sync.catalog-outcome.v1`). */
export interface OutcomeSink {
  publish(outcomes: readonly CatalogOutcome[]): Promise<void>;
}

const PER_REQUEST = 1000;

/** Publishes outcomes with acks=all, a thousand per produce request. */
export class KafkaOutcomeSink implements OutcomeSink {
  constructor(private readonly producer: EventProducer) {}

  async publish(outcomes: readonly CatalogOutcome[]): Promise<void> {
    for (let i = 0; i < outcomes.length; i += PER_REQUEST) {
      await this.producer.publishMany(syncCatalogOutcomeV1, outcomes.slice(i, i + PER_REQUEST));
    }
  }
}
