import { businesscentralCustomerChangedV1, businesscentralItemChangedV1 } from '@mlc/contracts';
import { advance, RecentlyPublished } from '../polling/delta-window';
import { StreamWatermark } from '../polling/watermarks';
import type { PollStream, WatchedResource, WatermarkStore } from '../persistence/watcher-state.port';
import { JobDeps, publishInChunks } from '../scheduling/job-deps';
import type { BcChange } from './bc-watch.port';

const STREAMS: Record<WatchedResource, PollStream> = { items: 'bc-items', customers: 'bc-customers' };

/**
 * BC's safety net for items and customers: `lastModifiedDateTime gt <watermark - overlap>`, every page. BC pages in
 * key order, not by time, so the watermark is saved once the whole poll is published (a crash mid-poll re-reads it).
 * Stock movements do not move lastModifiedDateTime: the stock scan covers them.
 */
export class BcDeltaPoll {
  private readonly recent = new Map<string, RecentlyPublished>();

  constructor(
    private readonly deps: JobDeps,
    private readonly watermarks: WatermarkStore,
  ) {}

  async run(connectionId: string, resource: WatchedResource): Promise<number> {
    const startedAt = Date.now();
    const bc = await this.deps.resources.businessCentral(connectionId);
    const stream = STREAMS[resource];
    const mark = await StreamWatermark.open(this.watermarks, this.deps, connectionId, stream);
    const recent = this.recentFor(`${connectionId}:${stream}`);
    const floor = mark.floor();
    let latest = mark.value;
    let signalled = 0;
    for await (const page of bc.changedSince(resource, floor)) {
      const fresh = page.filter((r) => recent.isNew(r.id, r.lastModifiedDateTime.getTime()));
      await this.publish(connectionId, resource, fresh);
      for (const r of fresh) recent.remember(r.id, r.lastModifiedDateTime.getTime());
      latest = advance(latest, page.map((r) => r.lastModifiedDateTime.getTime()));
      signalled += fresh.length;
    }
    await mark.save(latest);
    await mark.completed(startedAt);
    recent.prune(floor.getTime());
    return signalled;
  }

  private async publish(connectionId: string, resource: WatchedResource, changes: readonly BcChange[]): Promise<void> {
    if (resource === 'items') {
      const values = changes.map((c) => ({
        connectionId,
        itemId: c.id,
        changeType: 'updated' as const,
        source: 'poll' as const,
        occurredAt: c.lastModifiedDateTime.toISOString(),
      }));
      await publishInChunks(this.deps.sink, businesscentralItemChangedV1, values);
      return;
    }
    const values = changes.map((c) => ({
      connectionId,
      customerId: c.id,
      changeType: 'updated' as const,
      source: 'poll' as const,
      occurredAt: c.lastModifiedDateTime.toISOString(),
    }));
    await publishInChunks(this.deps.sink, businesscentralCustomerChangedV1, values);
  }

  private recentFor(key: string): RecentlyPublished {
    let recent = this.recent.get(key);
    if (!recent) {
      recent = new RecentlyPublished();
      this.recent.set(key, recent);
    }
    return recent;
  }
}
