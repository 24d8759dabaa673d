import type { TopicContract } from '@mlc/contracts';
import { FakeBigCommerceApi } from '@mlc/bigcommerce/testing';
import { FakeBusinessCentral } from '@mlc/business-central/testing';
import type { ConnectionCredentials } from '@mlc/connections';
import { createLogger } from '@mlc/platform-observability';
import { RetryableError } from '@mlc/platform-errors';
import type { BcChange, BcWatchPort, ScannedItem } from '../business-central/bc-watch.port';
import type { WatchSchedule } from '../config';
import type { WatchedResource } from '../persistence/watcher-state.port';
import type { ConnectionResources, EventSink, JobDeps } from '../scheduling/job-deps';

/** BC as the watcher sees it, in memory: records with modification times, items with scan fields, subscriptions. */
export class FakeBcWatch implements BcWatchPort {
  readonly companyId = '00000000-0000-0000-0000-0000000000c1';
  readonly bc: FakeBusinessCentral;
  readonly items = new Map<string, ScannedItem & { modified: Date }>();
  readonly customers = new Map<string, Date>();
  pageSize = 2;
  requests = 0;

  constructor(now: () => number) {
    this.bc = new FakeBusinessCentral({ now: () => new Date(now()) });
  }

  get subscriptions() {
    return this.bc.subscriptions;
  }

  async *changedSince(resource: WatchedResource, since: Date): AsyncGenerator<readonly BcChange[]> {
    const all: BcChange[] =
      resource === 'items'
        ? [...this.items.values()].map((i) => ({ id: i.id, lastModifiedDateTime: i.modified }))
        : [...this.customers].map(([id, modified]) => ({ id, lastModifiedDateTime: modified }));
    yield* this.paged(all.filter((r) => r.lastModifiedDateTime > since));
  }

  async *scanItems(): AsyncGenerator<readonly ScannedItem[]> {
    yield* this.paged([...this.items.values()].map(({ modified: _modified, ...item }) => item));
  }

  private *paged<T>(rows: readonly T[]): Generator<readonly T[]> {
    let i = 0;
    do {
      this.requests += 1;
      yield rows.slice(i, i + this.pageSize);
      i += this.pageSize;
    } while (i < rows.length);
  }
}

/** Records what was published; `failNext()` makes the next publish fail like an unreachable broker. */
export class RecordingSink implements EventSink {
  readonly published: Array<{ topic: string; value: Record<string, unknown> }> = [];
  private failures = 0;

  failNext(): void {
    this.failures += 1;
  }

  async publishMany<V>(contract: TopicContract, values: V[]): Promise<unknown> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new RetryableError('DEPENDENCY_DOWN', 'Kafka publish failed: broker down');
    }
    for (const value of values) this.published.push({ topic: contract.name, value: value as Record<string, unknown> });
    return [];
  }

  values(topic: string): Array<Record<string, unknown>> {
    return this.published.filter((p) => p.topic === topic).map((p) => p.value);
  }
}

export const TEST_CREDENTIALS: ConnectionCredentials = {
  bigcommerceAccessToken: 'token',
  bigcommerceClientSecret: 'client-secret',
  bcClientSecret: 'bc-secret',
  webhookKey: Buffer.alloc(32, 9).toString('base64'),
};

export const TEST_SCHEDULE: WatchSchedule = {
  pollMs: 30_000,
  scanMs: 30_000,
  healthMs: 30_000,
  overlapMs: 120_000,
  initialLookbackMs: 0,
  renewBeforeMs: 36 * 3600_000,
  leaseTtlMs: 30_000,
  tickMs: 1000,
};

/** A watcher test bench: one connection's fakes, a recording sink and job dependencies around them. */
export function fakeWatch(now: () => number = Date.now) {
  const store = new FakeBigCommerceApi();
  const bc = new FakeBcWatch(now);
  const sink = new RecordingSink();
  const resources: ConnectionResources = {
    bigcommerce: async () => store,
    businessCentral: async () => bc,
    credentials: async () => TEST_CREDENTIALS,
  };
  const deps: JobDeps = {
    resources,
    sink,
    schedule: TEST_SCHEDULE,
    publicBaseUrl: 'https://connector.example.com',
    holder: 'replica-a',
    now,
    logger: createLogger('bc-watcher-test', 'silent'),
  };
  return { store, bc, sink, deps };
}
