import { ManualClock, flushPromises } from '../testing/manual-clock';
import { FIVE_MINUTES_MS, RequestThrottle } from './request-throttle';

describe('RequestThrottle', () => {
  it('never runs more than maxConcurrent at once, and runs everything in order', async () => {
    const throttle = new RequestThrottle({ maxConcurrent: 3, perFiveMinutes: 6000, clock: new ManualClock() });
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 1 + (i % 3)));
      order.push(i);
      running -= 1;
      return i;
    };
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => throttle.run(task(i))));
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(order).toHaveLength(30);
  });

  it('releases the slot when a task fails', async () => {
    const throttle = new RequestThrottle({ maxConcurrent: 1, perFiveMinutes: 100, clock: new ManualClock() });
    await expect(throttle.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(throttle.run(async () => 'next')).resolves.toBe('next');
  });

  it('holds the sliding-window budget on a simulated clock', async () => {
    const clock = new ManualClock();
    const throttle = new RequestThrottle({ maxConcurrent: 10, perFiveMinutes: 4, clock });
    const started: number[] = [];
    const all = Array.from({ length: 10 }, (_, i) => throttle.run(async () => void started.push(i)));
    await flushPromises();
    expect(started).toHaveLength(4);

    await clock.advance(60_000);
    expect(started).toHaveLength(4);
    expect(throttle.snapshot()).toMatchObject({ inWindow: 4, waiting: 6 });

    await clock.advance(FIVE_MINUTES_MS - 60_000);
    expect(started).toHaveLength(8);

    await clock.advance(FIVE_MINUTES_MS);
    await Promise.all(all);
    expect(started).toHaveLength(10);
  });

  it('counts the budget over a scaled-down window when one is given (a sandbox throttle of 60 per 15 s)', async () => {
    const clock = new ManualClock();
    const throttle = new RequestThrottle({ maxConcurrent: 5, perFiveMinutes: 60, windowMs: 15_000, clock });
    const t0 = clock.now();
    const started: number[] = [];
    const all = Array.from({ length: 150 }, () => throttle.run(async () => void started.push(clock.now() - t0)));
    await flushPromises();
    expect(started).toHaveLength(60);
    await clock.advance(14_999);
    expect(started).toHaveLength(60);
    await clock.advance(1);
    expect(started).toHaveLength(120);
    await clock.advance(15_000);
    await Promise.all(all);
    expect(started.filter((t) => t === 15_000)).toHaveLength(60);
    expect(started.filter((t) => t === 30_000)).toHaveLength(30);
  });

  it('is a sliding window: budget returns as each old request ages out', async () => {
    const clock = new ManualClock();
    const throttle = new RequestThrottle({ maxConcurrent: 5, perFiveMinutes: 2, clock });
    const started: number[] = [];
    await throttle.run(async () => void started.push(clock.now()));
    await clock.advance(100_000);
    await throttle.run(async () => void started.push(clock.now()));
    const third = throttle.run(async () => void started.push(clock.now()));
    await clock.advance(FIVE_MINUTES_MS - 100_000 - 1);
    expect(started).toHaveLength(2);
    await clock.advance(1);
    await third;
    expect((started[2] ?? 0) - (started[0] ?? 0)).toBe(FIVE_MINUTES_MS);
  });

  it('enters a request into the window at its answer, since BC counts it on arrival, after our send', async () => {
    const clock = new ManualClock();
    const throttle = new RequestThrottle({ maxConcurrent: 5, perFiveMinutes: 2, windowMs: 1000, clock });
    const t0 = clock.now();
    const started: number[] = [];
    let answerSlow: () => void = () => undefined;
    const slow = throttle.run(async () => {
      started.push(clock.now() - t0);
      await new Promise<void>((resolve) => (answerSlow = resolve));
    });
    const fast = throttle.run(async () => void started.push(clock.now() - t0));
    const third = throttle.run(async () => void started.push(clock.now() - t0));
    const fourth = throttle.run(async () => void started.push(clock.now() - t0));
    await flushPromises();
    expect(started).toEqual([0, 0]);
    // The slow request still holds its budget while it runs, and enters the window only when answered at 400.
    await clock.advance(400);
    expect(throttle.snapshot()).toMatchObject({ inFlight: 1, inWindow: 2, waiting: 2 });
    answerSlow();
    await Promise.all([slow, fast]);
    await clock.advance(599);
    expect(started).toEqual([0, 0]);
    await clock.advance(1);
    await third;
    expect(started).toEqual([0, 0, 1000]);
    await clock.advance(399);
    expect(started).toHaveLength(3);
    await clock.advance(1);
    await fourth;
    expect(started).toEqual([0, 0, 1000, 1400]);
  });

  it('pauses new starts after a 429 with Retry-After', async () => {
    const clock = new ManualClock();
    const throttle = new RequestThrottle({ maxConcurrent: 5, perFiveMinutes: 100, clock });
    throttle.pause(3000);
    let done = false;
    const pending = throttle.run(async () => void (done = true));
    await clock.advance(2999);
    expect(done).toBe(false);
    await clock.advance(1);
    await pending;
    expect(done).toBe(true);
  });

  it('refuses a share below one request', () => {
    expect(() => new RequestThrottle({ maxConcurrent: 0, perFiveMinutes: 10 })).toThrow(RangeError);
  });
});
