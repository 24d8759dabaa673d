import { JobClock, JOBS } from './job-clock';

const intervals = { subscriptions: 60_000, hooks: 60_000, 'poll-orders': 30_000, 'poll-items': 30_000, 'poll-customers': 30_000, scan: 30_000 };

function runAll(clock: JobClock, now: number) {
  for (const job of clock.due(now)) {
    clock.begin(job);
    clock.succeeded(job, now);
  }
}

describe('JobClock', () => {
  it('runs every job at once, in order, then after its interval', () => {
    const clock = new JobClock(intervals);
    expect(clock.due(0)).toEqual([...JOBS]);
    runAll(clock, 0);
    expect(clock.due(29_999)).toEqual([]);
    expect(clock.due(30_000)).toEqual(['poll-orders', 'poll-items', 'poll-customers', 'scan']);
    expect(clock.due(60_000)).toEqual([...JOBS]);
  });

  it('retries a failed job sooner, doubling up to the interval', () => {
    const clock = new JobClock(intervals);
    runAll(clock, 0);
    const waits = [1, 2, 3, 4, 5, 6].map((n) => {
      clock.begin('scan');
      return clock.failed('scan', n);
    });
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000]);
    clock.begin('scan');
    clock.succeeded('scan', 100);
    clock.begin('scan');
    expect(clock.failed('scan', 200)).toBe(1000);
  });

  it('makes a job due now on request, also when the request arrives during its run', () => {
    const clock = new JobClock(intervals);
    runAll(clock, 0);
    clock.runSoon('scan');
    expect(clock.due(1)).toEqual(['scan']);
    clock.begin('scan');
    clock.runSoon('scan');
    clock.succeeded('scan', 2);
    expect(clock.due(3)).toEqual(['scan']);
    clock.begin('scan');
    clock.succeeded('scan', 3);
    expect(clock.due(4)).toEqual([]);
  });

  it('starts over after a reset', () => {
    const clock = new JobClock(intervals);
    runAll(clock, 0);
    clock.reset();
    expect(clock.due(1)).toEqual([...JOBS]);
  });
});
