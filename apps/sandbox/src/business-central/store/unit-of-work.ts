/** A change a webhook subscription may be told about. */
export interface ChangeEvent {
  readonly companyId: string;
  readonly entitySet: string;
  readonly id: string;
  readonly changeType: 'created' | 'updated' | 'deleted';
  /** Sandbox epoch ms of the change. */
  readonly at: number;
}

/**
 * Undo log for all-or-nothing writes: deep inserts, `$batch` with `Isolation: snapshot` or an atomicity group.
 * Every mutation inside `atomic` records how to undo itself; change events are published only when the outermost
 * unit commits, so a rolled-back write never notifies. Handlers are synchronous, so units never interleave.
 */
export class UnitOfWork {
  private undo: Array<() => void> = [];
  private events: ChangeEvent[] = [];
  private depth = 0;
  private muted = false;

  constructor(private readonly publish: (events: ChangeEvent[]) => void) {}

  get active(): boolean {
    return this.depth > 0;
  }

  record(undo: () => void): void {
    if (this.depth > 0) this.undo.push(undo);
  }

  emit(event: ChangeEvent): void {
    if (this.muted) return;
    if (this.depth > 0) this.events.push(event);
    else this.publish([event]);
  }

  /** Runs `fn` without publishing change events (seeding the initial state of a company). */
  silently<T>(fn: () => T): T {
    const before = this.muted;
    this.muted = true;
    try {
      return fn();
    } finally {
      this.muted = before;
    }
  }

  /** Runs `fn`; if it throws, every change it made is undone (nested units roll back only their own part). */
  atomic<T>(fn: () => T): T {
    const undoMark = this.undo.length;
    const eventMark = this.events.length;
    this.depth += 1;
    let result: T;
    try {
      result = fn();
    } catch (err) {
      for (let i = this.undo.length - 1; i >= undoMark; i -= 1) this.undo[i]!();
      this.undo.length = undoMark;
      this.events.length = eventMark;
      this.depth -= 1;
      throw err;
    }
    this.depth -= 1;
    if (this.depth === 0) {
      const events = this.events;
      this.undo = [];
      this.events = [];
      if (events.length > 0) this.publish(events);
    }
    return result;
  }
}
