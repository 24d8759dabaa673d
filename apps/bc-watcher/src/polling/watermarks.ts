import { RetryableError } from '@mlc/platform-errors';
import { pollCompletions } from '../metrics/watcher-metrics';
import type { PollStream, WatermarkStore } from '../persistence/watcher-state.port';
import type { JobDeps } from '../scheduling/job-deps';
import { initialWatermark, pollFloor } from './delta-window';

/**
 * A stream's watermark for one poll: read (or started at now minus the lookback and stored at once, so a restart
 * does not move it), then saved only after the events behind it were published. Saves are fenced by the lease.
 */
export class StreamWatermark {
  private constructor(
    private readonly store: WatermarkStore,
    private readonly deps: Pick<JobDeps, 'holder' | 'now' | 'schedule'>,
    readonly connectionId: string,
    readonly stream: PollStream,
    private current: Date,
    /** True for a stream that starts now: it has nothing behind it to overlap. */
    private readonly started: boolean,
  ) {}

  static async open(
    store: WatermarkStore,
    deps: Pick<JobDeps, 'holder' | 'now' | 'schedule'>,
    connectionId: string,
    stream: PollStream,
  ): Promise<StreamWatermark> {
    const found = await store.get(connectionId, stream);
    const start = found?.value ?? initialWatermark(deps.now(), deps.schedule.initialLookbackMs);
    const mark = new StreamWatermark(store, deps, connectionId, stream, start, !found);
    if (!found) await mark.save(mark.current);
    return mark;
  }

  get value(): Date {
    return this.current;
  }

  /**
   * Where this poll reads from: the watermark minus the overlap. A stream's first poll starts exactly where the
   * stream starts (now minus WATCH_INITIAL_LOOKBACK_MS), so a first start does not replay a window of history.
   */
  floor(): Date {
    return this.started ? this.current : pollFloor(this.current, this.deps.schedule.overlapMs);
  }

  /** Moves the watermark to `value` (if later) once the events up to it are published. */
  async save(value: Date, polledAt?: Date): Promise<void> {
    const next = value.getTime() > this.current.getTime() ? value : this.current;
    const saved = await this.store.save(this.connectionId, this.stream, { value: next, polledAt }, this.deps.holder);
    if (!saved) {
      throw new RetryableError('CONFLICT', `${this.connectionId}: the scheduler lease was lost; ${this.stream} poll stopped`);
    }
    this.current = next;
  }

  /** Marks a complete poll that started at `startedAtMs` (local time): the age metric counts from there. */
  async completed(startedAtMs: number): Promise<void> {
    await this.save(this.current, new Date(startedAtMs));
    pollCompletions.set(this.connectionId, this.stream, startedAtMs);
  }
}
