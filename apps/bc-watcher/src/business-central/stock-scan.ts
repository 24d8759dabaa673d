import { businesscentralItemChangedV1, TopicValue } from '@mlc/contracts';
import type { ItemFingerprint, StockScanStore } from '../persistence/watcher-state.port';
import { JobDeps, publishInChunks } from '../scheduling/job-deps';
import { changeOf, fingerprintOf } from './stock-fingerprint';

type ItemChanged = TopicValue<typeof businesscentralItemChangedV1>;

export interface ScanStats {
  readonly items: number;
  readonly changes: number;
  /** BC requests (one per page; retries inside the adapter not counted). */
  readonly requests: number;
  /** True when this scan only recorded the baseline and published nothing. */
  readonly baseline: boolean;
}

/**
 * The stock scan: stock movements change neither `lastModifiedDateTime` nor notify, so every item's
 * `id,number,type,blocked,inventory,unitPrice` is read page by page and compared with the last scan's fingerprint.
 * Only differences are published (`stock`, or `updated` when anything else changed), each page before its
 * fingerprints are stored, so a crash republishes rather than loses. The first scan of a connection records the
 * baseline silently: the catalog backfill, not the watcher, pushes everything once.
 */
export class StockScan {
  constructor(
    private readonly deps: JobDeps,
    private readonly store: StockScanStore,
  ) {}

  async run(connectionId: string): Promise<ScanStats> {
    const bc = await this.deps.resources.businessCentral(connectionId);
    const baseline = !(await this.store.hasBaseline(connectionId));
    const occurredAt = new Date(this.deps.now()).toISOString();
    let items = 0;
    let changes = 0;
    let requests = 0;
    for await (const page of bc.scanItems()) {
      requests += 1;
      items += page.length;
      const previous = await this.store.fingerprints(connectionId, page.map((i) => i.id));
      const changed: Array<{ itemId: string } & ItemFingerprint> = [];
      const events: ItemChanged[] = [];
      for (const item of page) {
        const fingerprint = fingerprintOf(item);
        const change = changeOf(previous.get(item.id), fingerprint);
        if (!change) continue;
        changed.push({ itemId: item.id, ...fingerprint });
        if (!baseline) events.push({ connectionId, itemId: item.id, changeType: change, source: 'scan', occurredAt });
      }
      await publishInChunks(this.deps.sink, businesscentralItemChangedV1, events);
      await this.store.save(connectionId, changed);
      changes += events.length;
    }
    await this.store.complete(connectionId, { items, changes, requests });
    return { items, changes, requests, baseline };
  }
}
