import { PermanentError, RetryableError, dispositionOf } from '@mlc/platform-errors';
import { BIGCOMMERCE_STATUS_TABLE, bigCommerceError, ruleForStatus } from './bigcommerce-error-table';

const context = { operation: 'GET /v2/orders/{id}', storeHash: 'abc123' };

describe('BigCommerce error table', () => {
  it.each([
    [400, 'BAD_REQUEST', 'dead-letter'],
    [401, 'UNAUTHORIZED', 'dead-letter'],
    [403, 'FORBIDDEN', 'dead-letter'],
    [404, 'NOT_FOUND', 'dead-letter'],
    [405, 'BAD_REQUEST', 'dead-letter'],
    [406, 'BAD_REQUEST', 'dead-letter'],
    [408, 'TIMEOUT', 'retry'],
    [409, 'CONFLICT', 'dead-letter'],
    [413, 'VALIDATION', 'dead-letter'],
    [415, 'BAD_REQUEST', 'dead-letter'],
    [422, 'VALIDATION', 'dead-letter'],
    [423, 'CONFLICT', 'dead-letter'],
    [429, 'RATE_LIMITED', 'retry'],
    [500, 'SERVER_ERROR', 'retry'],
    [502, 'SERVER_ERROR', 'retry'],
    [503, 'SERVER_ERROR', 'retry'],
    [504, 'SERVER_ERROR', 'retry'],
    [507, 'INSUFFICIENT_STORAGE', 'dead-letter'],
    [418, 'BAD_REQUEST', 'dead-letter'],
    [599, 'SERVER_ERROR', 'retry'],
    [302, 'BAD_REQUEST', 'dead-letter'],
  ])('%i -> %s (%s)', (status, code, disposition) => {
    const err = bigCommerceError({ status }, context);
    expect(err.code).toBe(code);
    expect(err.status).toBe(status);
    expect(err.operation).toBe('bigcommerce GET /v2/orders/{id}');
    expect(dispositionOf(err)).toBe(disposition);
  });

  it('marks exactly 408, 429 and 5xx except 507 as retryable', () => {
    const retryable = Object.entries(BIGCOMMERCE_STATUS_TABLE)
      .filter(([, rule]) => rule.retryable)
      .map(([status]) => Number(status));
    expect(retryable).toEqual([408, 429, 500, 502, 503, 504]);
    expect(ruleForStatus(507).retryable).toBe(false);
  });

  it('keeps the retry hint on retryable errors only', () => {
    expect(bigCommerceError({ status: 429, retryAfterMs: 15000 }, context).retryAfterMs).toBe(15000);
    expect(bigCommerceError({ status: 422, retryAfterMs: 15000 }, context).retryAfterMs).toBeUndefined();
    expect(bigCommerceError({ status: 503 }, context)).toBeInstanceOf(RetryableError);
    expect(bigCommerceError({ status: 422 }, context)).toBeInstanceOf(PermanentError);
  });
});

describe('error bodies', () => {
  it('reads the v2 array shape', () => {
    const err = bigCommerceError(
      { status: 404, body: [{ status: 404, message: 'The requested resource was not found.' }] },
      context,
    );
    expect(err.message).toBe(
      'bigcommerce GET /v2/orders/{id} failed with 404 (not found): The requested resource was not found.',
    );
  });

  it('reads the v3 problem shape with field names but not field messages', () => {
    const body = {
      status: 422,
      title: 'JSON data is missing or invalid',
      type: '/api-docs/getting-started/api-status-codes',
      errors: { destination: 'error.path.missing. secret-detail' },
    };
    const err = bigCommerceError({ status: 422, body }, { operation: 'POST /v3/hooks', storeHash: 'abc123' });
    expect(err.message).toBe(
      'bigcommerce POST /v3/hooks failed with 422 (unprocessable entity): JSON data is missing or invalid [fields: destination]',
    );
    expect(err.message).not.toContain('secret-detail');
  });

  it('reads variant batch errors and refund data errors', () => {
    const batch = { batch_errors: [{ status: 422, title: 'Variant price is invalid', errors: { '0.price': 'x' } }] };
    expect(bigCommerceError({ status: 422, body: batch }, context).message).toContain(
      'Variant price is invalid [fields: 0.price]',
    );
    const refund = { data: [{ order_id: 1, status: 503, error: 'Tax service gone away' }], meta: {} };
    expect(bigCommerceError({ status: 503, body: refund }, context).message).toContain('Tax service gone away');
  });

  it('masks emails echoed in titles', () => {
    const body = { status: 409, title: 'Customer jane.doe+vip@example.com already exists', errors: {} };
    const err = bigCommerceError({ status: 409, body }, context);
    expect(err.message).toContain('Customer <email> already exists');
    expect(err.message).not.toContain('example.com');
  });

  it('names the token problem and the wrong store hash, without the token', () => {
    expect(bigCommerceError({ status: 401 }, context).message).toBe(
      'bigcommerce GET /v2/orders/{id}: BigCommerce rejected the access token for store "abc123" (401): check the token and that it belongs to this store hash',
    );
    expect(bigCommerceError({ status: 403 }, context).message).toContain('lacks the OAuth scope');
    const store = { operation: 'GET /v2/store', storeHash: 'wrong1' };
    expect(bigCommerceError({ status: 404 }, store).message).toBe(
      'bigcommerce GET /v2/store: store "wrong1" was not found (404): check the store hash',
    );
  });

  it('handles bodies it cannot read', () => {
    expect(bigCommerceError({ status: 502, body: undefined }, context).message).toBe(
      'bigcommerce GET /v2/orders/{id} failed with 502 (bad gateway)',
    );
    expect(bigCommerceError({ status: 400, body: 'plain' }, context).message).toContain('400 (malformed request)');
  });
});
