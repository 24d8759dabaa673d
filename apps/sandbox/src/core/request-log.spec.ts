import { RequestLog } from './request-log';

const entry = (i: number, system = 'bigcommerce') => ({
  system,
  method: 'GET',
  path: `/p/${i}`,
  status: 200,
  time: `t${i}`,
});

describe('request log', () => {
  it('lists entries oldest first, filtered by system', () => {
    const log = new RequestLog(10);
    log.record(entry(1));
    log.record(entry(2, 'business-central'));
    log.record(entry(3));
    expect(log.list().map((e) => e.path)).toEqual(['/p/1', '/p/2', '/p/3']);
    expect(log.list('bigcommerce').map((e) => e.path)).toEqual(['/p/1', '/p/3']);
  });

  it('keeps the newest entries once full, still oldest first, and starts over after clear', () => {
    const log = new RequestLog(3);
    for (let i = 1; i <= 7; i += 1) log.record(entry(i));
    expect(log.list().map((e) => e.path)).toEqual(['/p/5', '/p/6', '/p/7']);
    log.record(entry(8));
    expect(log.list().map((e) => e.path)).toEqual(['/p/6', '/p/7', '/p/8']);
    log.clear();
    expect(log.list()).toEqual([]);
    log.record(entry(9));
    expect(log.list().map((e) => e.path)).toEqual(['/p/9']);
  });

  it('returns a copy the caller may change without touching the log', () => {
    const log = new RequestLog(2);
    log.record(entry(1));
    log.list().pop();
    expect(log.list()).toHaveLength(1);
  });
});
