import pino from 'pino';
import { REDACT_PATHS } from './logger';
import { externalCalls, metricsText } from './metrics';

describe('logger redaction', () => {
  it('never prints secrets, tokens or emails', () => {
    const lines: string[] = [];
    const log = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, { write: (l: string) => void lines.push(l) });
    log.info({ conn: { clientSecret: 's3cr3t', email: 'a@b.c', token: 'tok' }, req: { headers: { authorization: 'Bearer x' } } }, 'hi');
    expect(lines.join('')).not.toMatch(/s3cr3t|a@b\.c|tok"|Bearer x/);
    expect(lines.join('')).toContain('[redacted]');
  });
});

describe('metrics', () => {
  it('exposes external calls with the ml_connector_ prefix', async () => {
    externalCalls.inc({ system: 'bigcommerce', operation: 'GET /v2/orders/{id}', status: '200', connection: 'c1' });
    expect(await metricsText()).toContain('ml_connector_external_calls_total{system="bigcommerce"');
  });
});
