import type { Command } from 'commander';
import { bigcommerceOrderSignalV1 } from '@mlc/contracts';
import { createKafka, EventProducer, SchemaSerde } from '@mlc/platform-kafka';
import { PermanentError } from '@mlc/platform-errors';
import { createLogger } from '@mlc/platform-observability';
import { loadCliConfig } from '../config';
import { Output } from '../output';

/**
 * `ml-connector resync order <connection> <orderId>`: publishes a `resync` order signal on the order's key, so it
 * queues behind anything bc-writer is doing for that order; bc-writer then re-evaluates the order even though its
 * content is unchanged (NEEDS_MAPPING, PARKED and FAILED orders and refunds are retried).
 */
export function registerResyncCommand(program: Command): void {
  const resync = program.command('resync').description('Ask bc-writer to re-evaluate an order');
  resync
    .command('order <connection> <orderId>')
    .description('Re-evaluate one order and its refunds (after fixing a mapping or a setting)')
    .option('--json', 'machine-readable output')
    .action(async (connection: string, orderId: string, opts: { json?: boolean }) => {
      const id = Number(orderId);
      if (!Number.isSafeInteger(id) || id <= 0) throw new PermanentError('VALIDATION', `order id must be a positive integer, not "${orderId}"`);
      const config = loadCliConfig();
      const logger = createLogger('cli', config.LOG_LEVEL);
      const producer = new EventProducer(createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'ml-connector-cli', logger }), new SchemaSerde(config.SCHEMA_REGISTRY_URL));
      try {
        const meta = await producer.publish(bigcommerceOrderSignalV1, {
          connectionId: connection,
          orderId: id,
          kind: 'order',
          source: 'resync',
          occurredAt: new Date().toISOString(),
        });
        new Output(!!opts.json).result({ connectionId: connection, orderId: id, topic: bigcommerceOrderSignalV1.name, partition: meta.partition, offset: meta.baseOffset }, () =>
          `resync of order ${id} on ${connection} requested (partition ${meta.partition}, offset ${meta.baseOffset})`,
        );
      } finally {
        await producer.disconnect();
      }
    });
}
