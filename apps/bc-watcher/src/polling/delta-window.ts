/**
 * Delta polls read `modified > watermark - overlap`: the overlap catches records committed late with an earlier
 * timestamp (and clock skew), at the price of reading recent records again. `RecentlyPublished` remembers what was
 * published inside the window, so a record is signalled again only when it changed again; after a restart the memory
 * is empty and the window's records are signalled once more, which consumers tolerate (they re-read by id).
 */
export class RecentlyPublished {
  private readonly seen = new Map<string, number>();

  /** True when this version of the record (id and modification time) was not published yet. */
  isNew(id: string, modifiedMs: number): boolean {
    return this.seen.get(id) !== modifiedMs;
  }

  remember(id: string, modifiedMs: number): void {
    this.seen.set(id, modifiedMs);
  }

  /** Forgets records older than the window's floor: they can no longer come back from a poll. */
  prune(floorMs: number): void {
    for (const [id, modifiedMs] of this.seen) if (modifiedMs < floorMs) this.seen.delete(id);
  }

  get size(): number {
    return this.seen.size;
  }
}

/** Where the next poll starts reading. */
export function pollFloor(watermark: Date, overlapMs: number): Date {
  return new Date(watermark.getTime() - overlapMs);
}

/** The watermark of a stream that has none yet: now, minus the configured lookback. */
export function initialWatermark(nowMs: number, lookbackMs: number): Date {
  return new Date(nowMs - lookbackMs);
}

/** The latest modification time in a batch, or the current watermark when the batch adds nothing newer. */
export function advance(watermark: Date, modifiedMs: readonly number[]): Date {
  let latest = watermark.getTime();
  for (const ms of modifiedMs) if (ms > latest) latest = ms;
  return latest === watermark.getTime() ? watermark : new Date(latest);
}
