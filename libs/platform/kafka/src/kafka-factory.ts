import { Kafka, logLevel, LogEntry } from 'kafkajs';
import type { Logger } from '@mlc/platform-observability';

export interface KafkaOptions {
  readonly brokers: string[];
  readonly clientId: string;
  readonly logger?: Logger;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own logs go through pino (warn and above), with bounded connection retries. */
export function createKafka(options: KafkaOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 3000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        // Known, understood notices: our producers bound their retries on purpose (ingress answers 503 instead of
        // hanging) and choose the partitioner explicitly.
        const quiet = /Limiting retries for the idempotent producer|switched default partitioner/.test(message);
        options.logger?.[quiet ? 'debug' : (LEVELS[level] ?? 'info')]({ kafka: extra }, `kafkajs: ${message}`);
      },
  });
}
