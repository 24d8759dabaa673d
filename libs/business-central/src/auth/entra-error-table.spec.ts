import { PermanentError, RetryableError } from '@mlc/platform-errors';
import { ENTRA_ERROR_TABLE, entraErrorFor } from './entra-error-table';

describe('entra error table', () => {
  it.each([
    [90002, 'CONFIG', /tenant not found/],
    [700016, 'CONFIG', /client id/],
    [7000215, 'UNAUTHORIZED', /invalid client secret/],
    [7000222, 'UNAUTHORIZED', /expired/],
    [1002012, 'CONFIG', /scope/],
    [70011, 'CONFIG', /scope/],
    [500011, 'CONFIG', /consent/],
  ] as const)('AADSTS%i -> %s', (aadsts, code, reason) => {
    const err = entraErrorFor({ status: 400, error: 'invalid_request', errorCodes: [aadsts] });
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code, status: 400 });
    expect(err.message).toMatch(reason);
    expect(err.message).toContain(`AADSTS${aadsts}`);
  });

  it('reads the code from error_description when error_codes is missing, and never echoes the description', () => {
    const description =
      "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent is the client secret value, not the secret ID, for a secret added to app 'sandbox-client'.\r\nTrace ID: 1";
    const err = entraErrorFor({ status: 401, error: 'invalid_client', description });
    expect(err.message).toContain('BC_CLIENT_SECRET');
    expect(err.message).not.toContain('Trace ID');
    expect(err.message).not.toContain("app 'sandbox-client'");
  });

  it('falls back to UNAUTHORIZED for unknown AADSTS codes', () => {
    expect(entraErrorFor({ status: 400, error: 'invalid_client' })).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(entraErrorFor({ status: 400, errorCodes: [123456] }).message).toContain('AADSTS123456');
  });

  it('treats 429, 408 and 5xx as transient', () => {
    expect(entraErrorFor({ status: 429, retryAfterMs: 2000 })).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterMs: 2000,
    });
    expect(entraErrorFor({ status: 503 })).toBeInstanceOf(RetryableError);
    expect(entraErrorFor({ status: 408 })).toMatchObject({ code: 'TIMEOUT' });
  });

  it('has one row per AADSTS code', () => {
    const codes = ENTRA_ERROR_TABLE.map((r) => r.aadsts);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
