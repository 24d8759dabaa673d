import { z } from 'zod';
import { Kafka, logLevel } from 'kafkajs';
import { defineTopic } from '@mlc/contracts';
import { createLogger } from '@mlc/platform-observability';
import { ConsumerPipeline } from './consumer-pipeline';
import { InMemoryParkingLot } from './in-memory-parking-lot';
import type { EventProducer } from './event-producer';
import type { SchemaSerde } from './schema-serde';

const topic = defineTopic({ name: 'test.members', description: 'members', schema: z.object({ connectionId: z.string() }), key: (v) => v.connectionId });

function pipeline(members: number | undefined) {
  return new ConsumerPipeline({
    // Nothing connects: the constructor only creates the kafkajs consumers.
    kafka: new Kafka({ clientId: 'unit', brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING }),
    serde: {} as SchemaSerde,
    producer: {} as EventProducer,
    parking: new InMemoryParkingLot(),
    groupId: 'g',
    topic,
    handler: async () => undefined,
    logger: createLogger('unit', 'silent'),
    ...(members === undefined ? {} : { members }),
  });
}

describe('ConsumerPipeline members', () => {
  it('accepts one member by default and any whole number of them', () => {
    expect(() => pipeline(undefined)).not.toThrow();
    expect(() => pipeline(6)).not.toThrow();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p members, naming the group', (members) => {
    expect(() => pipeline(members)).toThrow(/ConsumerPipeline g: members must be a whole number >= 1/);
  });
});
