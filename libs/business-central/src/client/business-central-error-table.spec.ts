import { OutcomeUnknownError, PermanentError, RetryableError, dispositionOf } from '@mlc/platform-errors';
import { BcFailure, BcTarget, businessCentralErrorFor, matchErrorRow } from './business-central-error-table';
import { BusinessCentralApiError, EntityChangedError, isRecordNotFound } from './business-central-errors';

const failure = (
  status: number,
  bcCode?: string,
  target: BcTarget = 'entity',
  nonIdempotentWrite = false,
): BcFailure => ({
  status,
  bcCode,
  operation: 'GET customers({id})',
  target,
  nonIdempotentWrite,
});

describe('business-central error table', () => {
  it.each([
    // status, BC code, target, expected class, expected code
    [400, 'Internal_CompanyNotFound', 'company', BusinessCentralApiError, 'CONFIG'],
    [404, 'Internal_CompanyNotFound', 'entity', BusinessCentralApiError, 'CONFIG'],
    [409, 'Request_EntityChanged', 'entity', EntityChangedError, 'CONFLICT'],
    [409, 'Internal_EntityWithSameKeyExists', 'company', BusinessCentralApiError, 'CONFLICT'],
    [400, 'BadRequest_InvalidToken', 'entity', BusinessCentralApiError, 'BAD_REQUEST'],
    [429, 'Application_TooManyRequests', 'company', RetryableError, 'RATE_LIMITED'],
    [429, undefined, 'company', RetryableError, 'RATE_LIMITED'],
    [503, 'Internal_TenantUnavailable', 'company', RetryableError, 'DEPENDENCY_DOWN'],
    [401, 'Authentication_InvalidCredentials', 'company', BusinessCentralApiError, 'UNAUTHORIZED'],
    [403, undefined, 'company', BusinessCentralApiError, 'FORBIDDEN'],
    [404, 'BadRequest_NotFound', 'environment', BusinessCentralApiError, 'CONFIG'],
    [404, 'BadRequest_ResourceNotFound', 'company', BusinessCentralApiError, 'CONFIG'],
    [404, 'BadRequest_ResourceNotFound', 'entity', BusinessCentralApiError, 'NOT_FOUND'],
    [404, 'Internal_RecordNotFound', 'entity', BusinessCentralApiError, 'NOT_FOUND'],
    [405, 'BadRequest_MethodNotAllowed', 'environment', BusinessCentralApiError, 'BAD_REQUEST'],
    [408, undefined, 'company', RetryableError, 'TIMEOUT'],
    [413, undefined, 'company', BusinessCentralApiError, 'BAD_REQUEST'],
    [400, 'Application_DialogException', 'company', BusinessCentralApiError, 'VALIDATION'],
    [400, 'Application_StringExceededLength', 'company', BusinessCentralApiError, 'VALIDATION'],
    [400, 'BadRequest', 'company', BusinessCentralApiError, 'BAD_REQUEST'],
    [422, 'Application_FieldValidationException', 'company', BusinessCentralApiError, 'VALIDATION'],
    [418, undefined, 'company', BusinessCentralApiError, 'BAD_REQUEST'],
    [500, 'Internal_ServerError', 'company', RetryableError, 'SERVER_ERROR'],
    [502, undefined, 'company', RetryableError, 'SERVER_ERROR'],
    [503, undefined, 'company', RetryableError, 'SERVER_ERROR'],
    [504, undefined, 'company', RetryableError, 'TIMEOUT'],
    [507, undefined, 'company', BusinessCentralApiError, 'INSUFFICIENT_STORAGE'],
    [302, undefined, 'company', BusinessCentralApiError, 'BAD_REQUEST'],
  ] as const)('%i %s on %s -> %p %s', (status, bcCode, target, cls, code) => {
    const err = businessCentralErrorFor(failure(status, bcCode, target));
    expect(err).toBeInstanceOf(cls);
    expect(err).toMatchObject({ code, status });
  });

  it('turns retryable answers to creates and actions into OutcomeUnknownError', () => {
    for (const status of [408, 500, 502, 503, 504]) {
      const err = businessCentralErrorFor(failure(status, undefined, 'company', true));
      expect(err).toBeInstanceOf(OutcomeUnknownError);
      expect(err.message).toContain('look it up before repeating');
    }
  });

  it('keeps throttling and tenant-offline answers plainly retryable for writes: they never ran', () => {
    for (const [status, code] of [
      [429, undefined],
      [429, 'Application_TooManyRequests'],
      [503, 'Internal_TenantUnavailable'],
    ] as const) {
      const err = businessCentralErrorFor(failure(status, code, 'company', true));
      expect(err).toBeInstanceOf(RetryableError);
      expect(err).not.toBeInstanceOf(OutcomeUnknownError);
    }
  });

  it('never retries permanent answers, whatever the request', () => {
    const err = businessCentralErrorFor(failure(400, 'Application_DialogException', 'company', true));
    expect(dispositionOf(err)).toBe('dead-letter');
  });

  it('says which setting is wrong for tenant, environment and company failures', () => {
    expect(businessCentralErrorFor(failure(404, 'BadRequest_NotFound', 'environment')).message).toMatch(
      /BC_TENANT_ID.*BC_ENVIRONMENT/,
    );
    expect(businessCentralErrorFor(failure(400, 'Internal_CompanyNotFound', 'company')).message).toContain(
      'BC_COMPANY_ID',
    );
    expect(businessCentralErrorFor(failure(401, 'Authentication_InvalidCredentials', 'company')).message).toContain(
      'Microsoft Entra Applications',
    );
  });

  it('names the operation, status and BC code, and scrubs e-mails and tokens from BC message', () => {
    const err = businessCentralErrorFor({
      ...failure(400, 'Application_DialogException', 'company'),
      bcMessage: 'Customer jane.doe+x@example.com is blocked. Bearer eyJhbGciOi.eyJzdWIi.sig  CorrelationId:  abc.',
    });
    expect(err.message).toContain('GET customers({id}) -> 400 Application_DialogException');
    expect(err.message).not.toContain('jane.doe');
    expect(err.message).not.toContain('eyJhbGciOi');
    expect(err.message).toContain('<email>');
    expect((err as BusinessCentralApiError).bcCode).toBe('Application_DialogException');
  });

  it('carries Retry-After for the retry policy', () => {
    expect(businessCentralErrorFor({ ...failure(429), retryAfterMs: 7000 })).toMatchObject({ retryAfterMs: 7000 });
  });

  it('has a catch-all row, so every status maps to exactly one error', () => {
    for (let status = 100; status < 600; status += 1) {
      expect(matchErrorRow(failure(status))).toBeDefined();
      const err = businessCentralErrorFor(failure(status));
      expect(err instanceof RetryableError || err instanceof PermanentError).toBe(true);
    }
  });

  it('isRecordNotFound tells a missing record from a wrong company', () => {
    expect(isRecordNotFound(businessCentralErrorFor(failure(404, 'BadRequest_NotFound', 'entity')))).toBe(true);
    expect(isRecordNotFound(businessCentralErrorFor(failure(404, 'BadRequest_NotFound', 'company')))).toBe(false);
    expect(isRecordNotFound(new Error('x'))).toBe(false);
  });
});
