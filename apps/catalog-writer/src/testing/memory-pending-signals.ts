import type {
  PendingSignal,
  PendingSignalStore,
  SignalKind,
} from '../persistence/pending-signals.repository';

/** `pending_signals` in memory, with the same version rule as the table. */
export class MemoryPendingSignals implements PendingSignalStore {
  readonly rows = new Map<string, PendingSignal>();
  private version = 0;

  async add(connectionId: string, kind: SignalKind, ref: string, occurredAt: string): Promise<PendingSignal> {
    const key = `${connectionId}|${kind}|${ref}`;
    const before = this.rows.get(key);
    const latest = before && before.occurredAt > occurredAt ? before.occurredAt : occurredAt;
    const row = { connectionId, kind, ref, occurredAt: latest, version: ++this.version };
    this.rows.set(key, row);
    return row;
  }

  async all(kind: SignalKind): Promise<PendingSignal[]> {
    return [...this.rows.values()].filter((r) => r.kind === kind).sort((a, b) => a.version - b.version);
  }

  async remove(connectionId: string, kind: SignalKind, covered: ReadonlyArray<{ ref: string; version: number }>) {
    for (const c of covered) {
      const key = `${connectionId}|${kind}|${c.ref}`;
      const row = this.rows.get(key);
      if (row && row.version <= c.version) this.rows.delete(key);
    }
  }

  refs(): string[] {
    return [...this.rows.values()].map((r) => r.ref).sort();
  }
}
