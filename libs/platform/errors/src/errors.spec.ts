import {
  InvalidMessageError,
  OutcomeUnknownError,
  PermanentError,
  RetryableError,
  describeError,
  dispositionOf,
} from './errors';

describe('dispositionOf', () => {
  it.each([
    ['retryable', new RetryableError('TIMEOUT', 'timed out'), 'retry'],
    ['outcome unknown is retryable after a check', new OutcomeUnknownError('create timed out'), 'retry'],
    ['permanent', new PermanentError('BAD_REQUEST', 'bad'), 'dead-letter'],
    ['invalid message', new InvalidMessageError('not json'), 'dead-letter'],
    ['programmer error', new TypeError('x is undefined'), 'crash'],
    ['plain error', new Error('boom'), 'crash'],
    ['a thrown string', 'boom', 'crash'],
    ['undefined', undefined, 'crash'],
  ])('%s -> %s', (_name, err, expected) => {
    expect(dispositionOf(err)).toBe(expected);
  });
});

describe('errors', () => {
  it('keep code, status, operation and retry hint', () => {
    const err = new RetryableError('RATE_LIMITED', 'store quota used', {
      status: 429,
      operation: 'bigcommerce GET /v2/orders/{id}',
      retryAfterMs: 1500,
    });
    expect(err).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 1500, name: 'RetryableError' });
    expect(describeError(err)).toEqual({ code: 'RATE_LIMITED', message: 'store quota used' });
  });

  it('describe unknown values without throwing', () => {
    expect(describeError(42)).toEqual({ code: 'UNKNOWN', message: '42' });
    expect(describeError(new RangeError('r'))).toEqual({ code: 'RangeError', message: 'r' });
  });
});
