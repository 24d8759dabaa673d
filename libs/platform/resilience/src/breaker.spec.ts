import { PermanentError, RetryableError } from '@mlc/platform-errors';
import { BreakerRegistry, BreakerState } from './breaker';

const options = { errorThresholdPercentage: 50, volumeThreshold: 4, resetTimeoutMs: 50, rollingCountTimeoutMs: 10_000 };

describe('BreakerRegistry', () => {
  let registry: BreakerRegistry;
  const changes: Array<[string, string, BreakerState]> = [];
  beforeEach(() => {
    changes.length = 0;
    registry = new BreakerRegistry(options, (s, c, st) => changes.push([s, c, st]));
  });
  afterEach(() => registry.shutdown());

  const fail503 = () => Promise.reject(new RetryableError('SERVER_ERROR', '503', { status: 503 }));

  it('opens on retryable failures, per system and connection, and reports CIRCUIT_OPEN', async () => {
    for (let i = 0; i < 4; i += 1) await expect(registry.run('bc', 'a', fail503)).rejects.toThrow('503');
    expect(registry.state('bc', 'a')).toBe('open');
    await expect(registry.run('bc', 'a', async () => 'x')).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    await expect(registry.run('bc', 'b', async () => 'other merchant')).resolves.toBe('other merchant');
    expect(changes).toEqual([['bc', 'a', 'open']]);
  });

  it('does not open on permanent errors', async () => {
    const bad = () => Promise.reject(new PermanentError('BAD_REQUEST', '400', { status: 400 }));
    for (let i = 0; i < 10; i += 1) await expect(registry.run('bc', 'a', bad)).rejects.toThrow('400');
    expect(registry.state('bc', 'a')).toBe('closed');
  });

  it('closes again after a successful trial call', async () => {
    for (let i = 0; i < 4; i += 1) await expect(registry.run('bc', 'a', fail503)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 70));
    await expect(registry.run('bc', 'a', async () => 'ok')).resolves.toBe('ok');
    expect(registry.state('bc', 'a')).toBe('closed');
    expect(changes.map((c) => c[2])).toEqual(['open', 'half-open', 'closed']);
  });
});
