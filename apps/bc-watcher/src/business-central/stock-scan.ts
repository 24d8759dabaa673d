import { businesscentralItemChangedV1, TopicValue } from '@mlc/contracts';
import { RetryableError } from '@mlc/platform-errors';
import type { ItemFingerprint, StockScanStore } from '../persistence/watcher-state.port';
import { JobDeps, PUBLISH_CHUNK, publishInChunks } from '../scheduling/job-deps';
import { changeOf, fingerprintOf } from './stock-fingerprint';

type ItemChanged = TopicValue<typeof businesscentralItemChangedV1>;

export interface ScanStats {
  readonly items: number;
  /** Events published: changed, new and deleted items. */
  readonly changes: number;
  /** Items of the last scan that BC no longer lists (deleted), removed from the diff state. */
  readonly deleted: number;
  /** BC requests (one per page; retries inside the adapter not counted). */
  readonly requests: number;
  /** True when this scan only recorded the baseline and published nothing. */
  readonly baseline: boolean;
}

/**
 * The stock scan: stock movements change neither `lastModifiedDateTime` nor notify, so every item's
 * `id,number,type,blocked,inventory,unitPrice` is read page by page and compared with the last scan's fingerprint.
 * Only differences are published (`stock`, or `updated` when anything else changed), each page before its
 * fingerprints are stored, so a crash republishes rather than loses. An item the last scan had and this complete scan
 * did not see was deleted in BC (a `deleted` notification may have been lost): it is published as `deleted` and its
 * row removed, so the diff state holds BC's current items only. The first scan of a connection records the baseline
 * silently: the catalog backfill, not the watcher, pushes everything once.
 */
export class StockScan {
  constructor(
    private readonly deps: JobDeps,
    private readonly store: StockScanStore,
  ) {}

  async run(connectionId: string): Promise<ScanStats> {
    const bc = await this.deps.resources.businessCentral(connectionId);
    const { baseline, generation } = await this.store.begin(connectionId);
    const occurredAt = new Date(this.deps.now()).toISOString();
    let items = 0;
    let changes = 0;
    let requests = 0;
    for await (const page of bc.scanItems()) {
      requests += 1;
      items += page.length;
      const previous = await this.store.fingerprints(
        connectionId,
        page.map((i) => i.id),
        generation,
      );
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
      await this.store.save(connectionId, changed, generation);
      changes += events.length;
    }
    const deleted = await this.dropDeleted(connectionId, generation, baseline, occurredAt);
    changes += baseline ? 0 : deleted;
    await this.store.complete(connectionId, { items, changes, requests });
    return { items, changes, deleted, requests, baseline };
  }

  /** Publishes the items this complete scan did not see as deleted (silently during the baseline), then drops them. */
  private async dropDeleted(
    connectionId: string,
    generation: number,
    baseline: boolean,
    occurredAt: string,
  ): Promise<number> {
    let deleted = 0;
    for (;;) {
      const gone = await this.store.unseen(connectionId, generation, PUBLISH_CHUNK);
      if (gone.length === 0) return deleted;
      if (!baseline) {
        const events = gone.map((itemId): ItemChanged => ({
          connectionId,
          itemId,
          changeType: 'deleted',
          source: 'scan',
          occurredAt,
        }));
        await publishInChunks(this.deps.sink, businesscentralItemChangedV1, events);
      }
      if (!(await this.store.forget(connectionId, gone, generation, this.deps.holder))) {
        throw new RetryableError('CONFLICT', `${connectionId}: the scheduler lease was lost; stock scan stopped`);
      }
      deleted += gone.length;
    }
  }
}
