import { ConfigError } from '@mlc/platform-config';
import { loadIngressConfig } from './config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const ENV_CONNECTION = {
  CONNECTION_ID: 'sandbox',
  BIGCOMMERCE_STORE_HASH: 'sandbox',
  BIGCOMMERCE_ACCESS_TOKEN: 'token',
  BIGCOMMERCE_CLIENT_SECRET: 'sandbox-client-secret',
  BC_TENANT_ID: 'tenant',
  BC_ENVIRONMENT: 'sandbox',
  BC_COMPANY_ID: '11111111-2222-3333-4444-555555555555',
  BC_CLIENT_ID: 'app',
  BC_CLIENT_SECRET: 'bc-secret',
};

describe('loadIngressConfig', () => {
  it('listens on 3000 on the loopback by default, with bounded dedup and a publish deadline', () => {
    const config = loadIngressConfig({ MASTER_KEY: KEY });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      dedupTtlMs: 900_000,
      dedupMaxEntries: 200_000,
      publishTimeoutMs: 5000,
      lingerMs: 5,
      producers: 2,
      retryAfterSeconds: 30,
      bcMaxBodyBytes: 2 * 1024 * 1024,
    });
    expect(config.envConnection).toBeUndefined();
  });

  it('takes INGRESS_PORT over HTTP_PORT, and HTTP_PORT alone', () => {
    expect(loadIngressConfig({ MASTER_KEY: KEY, HTTP_PORT: '4000', INGRESS_PORT: '4100' }).port).toBe(4100);
    expect(loadIngressConfig({ MASTER_KEY: KEY, HTTP_PORT: '4000' }).port).toBe(4000);
    expect(loadIngressConfig({ MASTER_KEY: KEY, BIND_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('reads the env connection when CONNECTION_ID is set', () => {
    expect(loadIngressConfig({ MASTER_KEY: KEY, ...ENV_CONNECTION }).envConnection).toEqual({
      id: 'sandbox',
      storeHash: 'sandbox',
      accessToken: 'token',
      clientSecret: 'sandbox-client-secret',
      tenantId: 'tenant',
      environment: 'sandbox',
      companyId: '11111111-2222-3333-4444-555555555555',
      bcClientId: 'app',
      bcClientSecret: 'bc-secret',
    });
  });

  it('names the first env connection variable missing; BC_COMPANY_ID may be left to the only company', () => {
    const { BC_COMPANY_ID: _company, ...withoutCompany } = ENV_CONNECTION;
    const config = loadIngressConfig({ MASTER_KEY: KEY, ...withoutCompany });
    expect(config.envConnection).toMatchObject({ id: 'sandbox', tenantId: 'tenant' });
    expect(config.envConnection).not.toHaveProperty('companyId');
    const { BIGCOMMERCE_ACCESS_TOKEN: _token, ...withoutToken } = ENV_CONNECTION;
    expect(() => loadIngressConfig({ MASTER_KEY: KEY, ...withoutToken })).toThrow(
      new ConfigError('BIGCOMMERCE_ACCESS_TOKEN', 'is required when CONNECTION_ID is set'),
    );
  });

  it('reads the shared service variables through libs/service-kit', () => {
    const config = loadIngressConfig({ MASTER_KEY: KEY, KAFKA_BROKERS: 'a:9092,b:9092', HTTP_PORT: '3100' });
    expect(config.env.KAFKA_BROKERS).toEqual(config.kafkaBrokers);
    expect(config.kafkaBrokers).toEqual(['a:9092', 'b:9092']);
    expect(config.env.HTTP_PORT).toBe(3100);
  });

  it('refuses out-of-range tuning values by name', () => {
    expect(() => loadIngressConfig({ MASTER_KEY: KEY, DEDUP_MAX_ENTRIES: '0' })).toThrow(
      /^DEDUP_MAX_ENTRIES is invalid/,
    );
    expect(() => loadIngressConfig({ MASTER_KEY: KEY, PUBLISH_TIMEOUT_MS: 'soon' })).toThrow(
      /^PUBLISH_TIMEOUT_MS is invalid/,
    );
  });
});
