import { FakeHttpTransport } from './fake-http-transport';
import { FakeTokenSource } from './fake-token-source';
import { ManualClock, flushPromises } from './manual-clock';
import { BusinessCentralClient, BusinessCentralClientOptions } from '../client/business-central-client';
import { RequestThrottle } from '../client/request-throttle';

export const TENANT = '00000000-0000-0000-0000-000000000001';
export const COMPANY = '11111111-2222-3333-4444-555555555555';
export const ROOT = `http://127.0.0.1:4020/v2.0/${TENANT}/sandbox/api/v2.0/`;
export const COMPANY_ROOT = `${ROOT}companies(${COMPANY})/`;

/** A client over a scripted transport and a manual clock, for specs. */
export function clientKit(overrides: Partial<BusinessCentralClientOptions> = {}) {
  const clock = new ManualClock();
  const transport = new FakeHttpTransport();
  const tokens = new FakeTokenSource();
  const client = new BusinessCentralClient({
    connectionId: 'conn-1',
    tenantId: TENANT,
    environment: 'sandbox',
    companyId: COMPANY,
    apiUrl: 'http://127.0.0.1:4020',
    tokens,
    transport,
    clock,
    throttle: new RequestThrottle({ maxConcurrent: 5, perFiveMinutes: 6000, clock }),
    retry: { attempts: 4, baseMs: 100, maxMs: 1000 },
    random: () => 0.5,
    ...overrides,
  });
  return { client, clock, transport, tokens };
}

/** Drives the manual clock until the promise settles (retries sleep on that clock). */
export async function settle<T>(promise: Promise<T>, clock: ManualClock, stepMs = 250, maxSteps = 400): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => {
    done = true;
  });
  tracked.catch(() => undefined);
  for (let i = 0; i < maxSteps && !done; i += 1) {
    await flushPromises();
    if (!done) await clock.advance(stepMs);
  }
  return tracked;
}
