import type { ConnectionRegistry } from '@mlc/connections';

/**
 * Which connections exist, from the registry's list (which never opens credentials), refreshed at most every
 * `refreshMs` and at once (at most once per `missRefreshMs`) when an unknown id shows up: a connection added a moment
 * ago is found, and events of removed connections are recognised without a database round trip per message.
 */
export class ConnectionDirectory {
  private ids = new Set<string>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading?: Promise<void>;

  constructor(
    private readonly registry: Pick<ConnectionRegistry, 'list'>,
    private readonly refreshMs = 5000,
    private readonly missRefreshMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async knows(connectionId: string): Promise<boolean> {
    const age = this.now() - this.loadedAt;
    const stale = age >= this.refreshMs || (!this.ids.has(connectionId) && age >= this.missRefreshMs);
    if (stale) await this.refresh();
    return this.ids.has(connectionId);
  }

  private refresh(): Promise<void> {
    this.loading ??= this.registry
      .list()
      .then((connections) => {
        this.ids = new Set(connections.map((c) => c.id));
        this.loadedAt = this.now();
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }
}
