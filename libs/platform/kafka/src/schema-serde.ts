import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { InvalidMessageError, PermanentError, RetryableError } from '@mlc/platform-errors';
import { TopicContract, toJsonSchema } from '@mlc/contracts';

/**
 * Values are JSON validated twice: by the zod contract (the source of truth) and by the registered JSON Schema, and
 * framed in the Confluent wire format (magic byte, 4-byte schema id, JSON). Subjects are `<topic>-value`, BACKWARD.
 */
export class SchemaSerde {
  private readonly registry: SchemaRegistry;
  private readonly ids = new Map<string, Promise<number>>();

  constructor(registryUrl: string) {
    const ajvInstance = new Ajv2020({ strict: false, allErrors: false });
    addFormats(ajvInstance);
    this.registry = new SchemaRegistry(
      { host: registryUrl, retry: { retries: 3 } },
      { [SchemaType.JSON]: { ajvInstance } as never },
    );
  }

  /** Registers the contract's schema once per process (idempotent in the registry) and returns its id. */
  schemaId(contract: TopicContract): Promise<number> {
    let id = this.ids.get(contract.name);
    if (!id) {
      id = this.registry
        .register(
          { type: SchemaType.JSON, schema: JSON.stringify(toJsonSchema(contract)) },
          { subject: `${contract.name}-value`, compatibility: 'BACKWARD' as never },
        )
        .then((r) => r.id)
        .catch((err: unknown) => {
          this.ids.delete(contract.name);
          throw registryError(`register ${contract.name}-value`, err);
        });
      this.ids.set(contract.name, id);
    }
    return id;
  }

  /** Validates with zod first: an invalid value here is our own bug, so it is a PermanentError naming the field. */
  async encode<V>(contract: TopicContract, value: V): Promise<Buffer> {
    const parsed = contract.schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new PermanentError('VALIDATION', `${contract.name}: ${issue.path.join('.') || '(value)'} ${issue.message}`);
    }
    const id = await this.schemaId(contract);
    return this.registry.encode(id, parsed.data);
  }

  /** Decodes and validates; anything that is not a valid value of the contract is an InvalidMessageError. */
  async decode<V>(contract: TopicContract, buffer: Buffer | null): Promise<V> {
    if (!buffer || buffer.length < 5 || buffer[0] !== 0) {
      throw new InvalidMessageError(`${contract.name}: value is not in the Confluent wire format`);
    }
    let decoded: unknown;
    try {
      decoded = await this.registry.decode(buffer);
    } catch (err) {
      if (isNetworkError(err)) throw registryError('decode', err);
      throw new InvalidMessageError(`${contract.name}: ${err instanceof Error ? err.message : 'undecodable value'}`, {
        cause: err,
      });
    }
    const parsed = contract.schema.safeParse(decoded);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InvalidMessageError(`${contract.name}: ${issue.path.join('.') || '(value)'} ${issue.message}`);
    }
    return parsed.data as V;
  }
}

function isNetworkError(err: unknown): boolean {
  const code = (err as { code?: string } | undefined)?.code;
  const status = (err as { status?: number } | undefined)?.status;
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code ?? '') || (status ?? 0) >= 500;
}

function registryError(operation: string, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (isNetworkError(err) || /ECONNREFUSED|socket hang up|timeout/i.test(message)) {
    return new RetryableError('DEPENDENCY_DOWN', `schema registry ${operation} failed: ${message}`, { cause: err });
  }
  return new PermanentError('SCHEMA_MISMATCH', `schema registry ${operation} failed: ${message}`, { cause: err });
}
