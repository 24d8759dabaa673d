import { z } from 'zod';
import { ConfigError, loadConfig, redactConfig, secret } from './config';
import { infraEnv, port, secretsEnv } from './common-env';

const schema = z.object({ ...infraEnv, ...secretsEnv, HTTP_PORT: port(3000) });
const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('applies defaults and parses lists', () => {
    const config = loadConfig(schema, { MASTER_KEY: KEY, KAFKA_BROKERS: 'a:9092, b:9093' });
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
    expect(config.HTTP_PORT).toBe(3000);
    expect(config.SCHEMA_REGISTRY_URL).toBe('http://127.0.0.1:8081/apis/ccompat/v7');
  });

  it('names a missing variable in one line', () => {
    expect(() => loadConfig(schema, {})).toThrow(new ConfigError('MASTER_KEY', 'is required but not set'));
  });

  it('names a malformed variable without echoing a secret value', () => {
    let caught: unknown;
    try {
      loadConfig(schema, { MASTER_KEY: 'short-secret-value' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toBe('MASTER_KEY is invalid: must be 32 bytes encoded as base64 (openssl rand -base64 32)');
    expect((caught as Error).message).not.toContain('short-secret-value');
    expect(() => loadConfig(schema, { MASTER_KEY: KEY, KAFKA_BROKERS: 'nope' })).toThrow(
      'KAFKA_BROKERS is invalid: must be host:port[,host:port...]',
    );
    expect(() => loadConfig(schema, { MASTER_KEY: KEY, HTTP_PORT: 'x' })).toThrow(/^HTTP_PORT is invalid/);
  });

  it('treats empty strings as unset', () => {
    expect(() => loadConfig(schema, { MASTER_KEY: '' })).toThrow('MASTER_KEY is required but not set');
  });
});

describe('redactConfig', () => {
  it('hides secrets, including optional and defaulted ones', () => {
    const s = z.object({ A: secret(z.string()).optional(), B: z.string(), C: secret(z.string()).default('d') });
    const config = loadConfig(s, { A: 'top', B: 'plain' });
    expect(redactConfig(s, config)).toEqual({ A: '[redacted]', B: 'plain', C: '[redacted]' });
    const full = loadConfig(schema, { MASTER_KEY: KEY, DATABASE_URL: 'postgres://u:pw@h:5432/db' });
    const dumped = JSON.stringify(redactConfig(schema, full));
    expect(dumped).not.toContain(KEY);
    expect(dumped).not.toContain('pw@');
  });
});
