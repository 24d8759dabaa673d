import type { StoreWrite } from '@mlc/catalog';
import { OutcomeUnknownError, PermanentError, RetryableError } from '@mlc/platform-errors';
import { attemptOfError, identitiesIn } from './write-attempt';

const relative: StoreWrite = {
  kind: 'relative-stock',
  method: 'POST',
  path: '/v3/inventory/adjustments/relative',
  body: { reason: 'r', items: [{ location_id: 1, product_id: 113, quantity: -1 }] },
  skus: ['A'],
};
const prices: StoreWrite = { kind: 'product-prices', method: 'PUT', path: '/v3/catalog/products', body: [], skus: [] };

describe('attemptOfError', () => {
  it('records a relative adjustment that may have landed as unknown, to be looked at again', () => {
    const attempt = attemptOfError(new OutcomeUnknownError('timeout after send'), relative);
    expect(attempt).toMatchObject({ result: 'unknown', retryable: true, errorCode: 'OUTCOME_UNKNOWN' });
  });

  it('keeps signals for retryable failures and drops them for permanent ones', () => {
    const limited = new RetryableError('RATE_LIMITED', 'bigcommerce PUT /v3/catalog/products answered 429');
    expect(attemptOfError(limited, prices)).toMatchObject({ result: 'failed', retryable: true });
    const invalid = new PermanentError('VALIDATION', 'bigcommerce PUT /v3/catalog/products answered 422', { status: 422 });
    expect(attemptOfError(invalid, prices)).toMatchObject({ result: 'failed', retryable: false });
    expect(attemptOfError(invalid, prices).needsAbsolute).toBeUndefined();
  });

  it('names the items that need an absolute adjustment before a relative one', () => {
    const err = new PermanentError(
      'VALIDATION',
      'bigcommerce POST /v3/inventory/adjustments/relative answered 422: Items with identity: [product_id 113, variant_id 7] requires absolute adjustment before relative',
      { status: 422 },
    );
    expect(attemptOfError(err, relative).needsAbsolute).toEqual(['p113', 'v7']);
  });

  it('never reads a cut-off id from a truncated title', () => {
    expect(identitiesIn('422: Items with identity: [product_id 113, product_id 11…')).toEqual(['p113']);
    expect(identitiesIn('422: Items with identity: [product_id 1…')).toEqual([]);
  });

  it('throws programmer errors on', () => {
    expect(() => attemptOfError(new TypeError('x is undefined'), prices)).toThrow(TypeError);
  });
});
