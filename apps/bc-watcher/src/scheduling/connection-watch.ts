import { describeError, dispositionOf } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import type { ScanRequest, WatchedResource } from '../persistence/watcher-state.port';
import { JobClock, JobIntervals, JobName, JOBS } from './job-clock';

/** How a job runs for one connection; the result is logged when it is a non-zero count. */
export type JobRunners = Readonly<Record<JobName, (watch: ConnectionWatch) => Promise<unknown>>>;

export interface JobReport {
  readonly connectionId: string;
  readonly job: JobName;
  readonly ok: boolean;
  readonly ms: number;
  readonly result?: unknown;
  readonly error?: unknown;
}

/** What a rescan request of a resource makes due. */
export const RESCAN_JOBS: Readonly<Record<WatchedResource, readonly JobName[]>> = {
  items: ['scan', 'poll-items'],
  customers: ['poll-customers'],
};

/**
 * One connection as this replica sees it: whether it holds the lease, when its jobs are due, the rescan requests it
 * applied, and the run in progress (jobs of one connection run one after another, never in parallel).
 */
export class ConnectionWatch {
  leader = false;
  lastLeaseAttemptMs = Number.NEGATIVE_INFINITY;
  lastLeaseOkMs = Number.NEGATIVE_INFINITY;
  running?: Promise<void>;
  readonly clock: JobClock;
  /** Applied rescan requests and the jobs each still waits for (only runs that started after it count). */
  private readonly applied = new Map<WatchedResource, { request: ScanRequest; seq: number; waiting: Set<JobName> }>();
  private seq = 0;

  constructor(
    readonly connectionId: string,
    intervals: JobIntervals,
  ) {
    this.clock = new JobClock(intervals);
  }

  /** Makes a request's jobs due unless this exact request was applied already. */
  apply(request: ScanRequest): void {
    const known = this.applied.get(request.resource);
    if (known && known.request.requestedAt.getTime() === request.requestedAt.getTime()) return;
    this.seq += 1;
    this.applied.set(request.resource, { request, seq: this.seq, waiting: new Set(RESCAN_JOBS[request.resource]) });
    for (const job of RESCAN_JOBS[request.resource]) this.clock.runSoon(job);
  }

  loseLeadership(): void {
    this.leader = false;
    this.clock.reset();
    this.applied.clear();
  }

  /**
   * Runs the due jobs in order, re-checking after each one (a webhook gap makes the order poll due within the same
   * run). Returns the rescan requests now fully served, to be cleared.
   */
  async runDue(
    runners: JobRunners,
    now: () => number,
    logger: Logger,
    report: (r: JobReport) => void,
  ): Promise<ScanRequest[]> {
    const done: ScanRequest[] = [];
    for (const job of JOBS) {
      if (!this.leader || !this.clock.due(now()).includes(job)) continue;
      this.clock.begin(job);
      this.seq += 1;
      const startedSeq = this.seq;
      const started = Date.now();
      try {
        const result = await runners[job](this);
        this.clock.succeeded(job, now());
        report({ connectionId: this.connectionId, job, ok: true, ms: Date.now() - started, result });
        done.push(...this.served(job, startedSeq));
      } catch (err) {
        const retryInMs = this.clock.failed(job, now());
        report({ connectionId: this.connectionId, job, ok: false, ms: Date.now() - started, error: err });
        if (dispositionOf(err) === 'crash') throw err;
        logger.warn({ connectionId: this.connectionId, job, retryInMs, reason: describeError(err) }, 'watch job failed');
      }
    }
    return done;
  }

  /** Requests applied before this run of `job` started no longer wait for it; those waiting for nothing are done. */
  private served(job: JobName, startedSeq: number): ScanRequest[] {
    const done: ScanRequest[] = [];
    for (const [resource, entry] of this.applied) {
      if (entry.seq > startedSeq) continue;
      entry.waiting.delete(job);
      if (entry.waiting.size === 0) {
        this.applied.delete(resource);
        done.push(entry.request);
      }
    }
    return done;
  }
}
