import { MAX_WEBHOOK_BODY_BYTES, WebhookVerifier, WebhookVerifierConfig } from '@mlc/bigcommerce';
import {
  Connection,
  ConnectionCredentials,
  connectionIdSchema,
  HOOK_SECRET_HEADER,
  hookSecret,
  subscriptionClientState,
} from '@mlc/connections';

/** Where connections come from (the registry in Postgres). Declared here, by its user. */
export interface ConnectionSource {
  get(id: string): Promise<Connection | undefined>;
  credentials(id: string): Promise<ConnectionCredentials>;
}

/** Everything ingress needs to judge a request for one connection, derived once per refresh. */
export interface ConnectionContext {
  readonly connection: Connection;
  /** Verifies BigCommerce deliveries with the schemes the connection allows. */
  readonly verifier: WebhookVerifier;
  /** The clientState of the connection's BC subscriptions. */
  readonly clientState: string;
}

export interface ConnectionDirectoryOptions {
  /** Age after which an entry is refreshed (in the background when the connection is known). */
  readonly ttlMs: number;
  /** Entries kept at most (unknown ids included); the oldest go first. */
  readonly maxEntries: number;
}

interface Entry {
  value: ConnectionContext | undefined;
  loadedAt: number;
  refreshing?: Promise<ConnectionContext | undefined>;
}

/**
 * Connections as the hot path sees them: from memory. A known connection is served from memory while it is refreshed
 * in the background after `ttlMs` (a database hiccup keeps the last known state), so no delivery waits for
 * PostgreSQL once its connection was seen. Concurrent lookups of one id share a single query.
 */
export class ConnectionDirectory {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly source: ConnectionSource,
    private readonly options: ConnectionDirectoryOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The connection's context, or undefined when it does not exist. Rejects when it cannot be looked up. */
  async resolve(id: string): Promise<ConnectionContext | undefined> {
    if (!connectionIdSchema.safeParse(id).success) return undefined;
    const entry = this.entries.get(id);
    if (entry) {
      if (this.now() - entry.loadedAt < this.options.ttlMs) return entry.value;
      if (entry.value) {
        this.refresh(id, entry).catch(() => undefined);
        return entry.value;
      }
    }
    return this.refresh(id, entry);
  }

  private refresh(id: string, existing: Entry | undefined): Promise<ConnectionContext | undefined> {
    const entry = existing ?? { value: undefined, loadedAt: Number.NEGATIVE_INFINITY };
    entry.refreshing ??= this.load(id)
      .then((value) => {
        entry.value = value;
        entry.loadedAt = this.now();
        this.store(id, entry);
        return value;
      })
      .finally(() => {
        entry.refreshing = undefined;
      });
    if (!existing) this.store(id, entry);
    return entry.refreshing;
  }

  private store(id: string, entry: Entry): void {
    if (!this.entries.has(id)) this.entries.set(id, entry);
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  private async load(id: string): Promise<ConnectionContext | undefined> {
    const connection = await this.source.get(id);
    if (!connection) return undefined;
    return contextOf(connection, await this.source.credentials(id));
  }
}

/** The verifier config follows the connection's allowed schemes; each scheme's secret is derived or stored. */
export function contextOf(connection: Connection, creds: ConnectionCredentials): ConnectionContext {
  const schemes = new Set(connection.settings.webhooks.schemes);
  const config: WebhookVerifierConfig = {
    maxBodyBytes: MAX_WEBHOOK_BODY_BYTES,
    ...(schemes.has('custom-header')
      ? { customHeader: { name: HOOK_SECRET_HEADER, value: hookSecret(connection.id, creds) } }
      : {}),
    ...(schemes.has('standard-webhooks') ? { standardWebhooks: { secret: creds.bigcommerceClientSecret } } : {}),
    ...(schemes.has('x-bc-signature') ? { bcSignature: { secret: creds.bigcommerceClientSecret } } : {}),
  };
  return {
    connection,
    verifier: new WebhookVerifier(config),
    clientState: subscriptionClientState(connection.id, creds),
  };
}
