/** The watcher's jobs for one connection, in the order they run when several are due. */
export const JOBS = ['subscriptions', 'hooks', 'poll-orders', 'poll-items', 'poll-customers', 'scan'] as const;
export type JobName = (typeof JOBS)[number];

export type JobIntervals = Readonly<Record<JobName, number>>;

const FIRST_RETRY_MS = 1000;

/**
 * When each job of a connection is due: never-run jobs at once, then every interval after a success; after a failure
 * sooner, doubling from one second up to the interval. `runSoon` makes a job due now (rescan request, webhook gap).
 */
export class JobClock {
  private readonly next = new Map<JobName, number>();
  private readonly failures = new Map<JobName, number>();

  constructor(private readonly intervals: JobIntervals) {}

  due(nowMs: number): JobName[] {
    return JOBS.filter((job) => (this.next.get(job) ?? Number.NEGATIVE_INFINITY) <= nowMs);
  }

  runSoon(job: JobName): void {
    this.next.set(job, Number.NEGATIVE_INFINITY);
  }

  /** A run starts: a `runSoon` from now on asks for another run after this one. */
  begin(job: JobName): void {
    this.next.set(job, Number.POSITIVE_INFINITY);
  }

  succeeded(job: JobName, nowMs: number): void {
    this.failures.delete(job);
    if (this.next.get(job) === Number.POSITIVE_INFINITY) this.next.set(job, nowMs + this.intervals[job]);
  }

  failed(job: JobName, nowMs: number): number {
    const failures = (this.failures.get(job) ?? 0) + 1;
    this.failures.set(job, failures);
    const wait = Math.min(this.intervals[job], FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 20));
    if (this.next.get(job) === Number.POSITIVE_INFINITY) this.next.set(job, nowMs + wait);
    return wait;
  }

  /** Forgets the schedule (leadership lost): the next leader term starts with every job due. */
  reset(): void {
    this.next.clear();
    this.failures.clear();
  }
}
