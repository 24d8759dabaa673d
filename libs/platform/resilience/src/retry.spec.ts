import { PermanentError, RetryableError } from '@mlc/platform-errors';
import { fullJitterDelay, nextDelay, retry } from './retry';

const noSleep = async () => undefined;

describe('retry', () => {
  it('retries retryable errors then succeeds', async () => {
    let calls = 0;
    const result = await retry(
      async () => {
        calls += 1;
        if (calls < 3) throw new RetryableError('SERVER_ERROR', 'boom', { status: 503 });
        return 'ok';
      },
      { attempts: 5, baseMs: 10, maxMs: 100, sleep: noSleep },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('never retries permanent errors', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls += 1;
          throw new PermanentError('BAD_REQUEST', 'bad');
        },
        { attempts: 5, baseMs: 10, maxMs: 100, sleep: noSleep },
      ),
    ).rejects.toBeInstanceOf(PermanentError);
    expect(calls).toBe(1);
  });

  it('gives up after the configured attempts with the last error', async () => {
    const delays: number[] = [];
    await expect(
      retry(async (attempt) => Promise.reject(new RetryableError('TIMEOUT', `t${attempt}`)), {
        attempts: 3,
        baseMs: 100,
        maxMs: 1000,
        sleep: async (ms) => void delays.push(ms),
        random: () => 0.5,
      }),
    ).rejects.toThrow('t3');
    expect(delays).toEqual([50, 100]);
  });
});

describe('delays', () => {
  it('full jitter stays under the capped exponential ceiling', () => {
    expect(fullJitterDelay(1, 100, 1000, () => 0.999)).toBe(99);
    expect(fullJitterDelay(10, 100, 1000, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, 100, 1000, () => 0)).toBe(0);
  });

  it('honours the server hint (Retry-After) and never waits less', () => {
    const err = new RetryableError('RATE_LIMITED', '429', { retryAfterMs: 3000 });
    const delay = nextDelay(err, 1, { baseMs: 100, maxMs: 1000, random: () => 0.9 });
    expect(delay).toBeGreaterThanOrEqual(3000);
    expect(delay).toBeLessThan(3100);
  });
});
