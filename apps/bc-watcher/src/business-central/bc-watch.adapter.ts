import { z } from 'zod';
import { BcPath, BusinessCentral, gt } from '@mlc/business-central';
import type { WatchedResource } from '../persistence/watcher-state.port';
import type { BcChange, BcWatchPort, ScannedItem } from './bc-watch.port';

const changeSchema = z.object({ id: z.string().min(1), lastModifiedDateTime: z.string().min(1) });
const SCAN_FIELDS = ['number', 'type', 'blocked', 'inventory', 'unitPrice'] as const;

/**
 * The watcher's reads of BC over the HTTP adapter. Delta polls select only `id,lastModifiedDateTime`; the stock scan
 * goes through the items port with the scan's `$select` and may be served by a read replica (it is never a
 * read-after-write).
 */
export class BcWatchAdapter implements BcWatchPort {
  constructor(
    private readonly bc: BusinessCentral,
    readonly companyId: string,
  ) {}

  get subscriptions() {
    return this.bc.subscriptions;
  }

  async *changedSince(resource: WatchedResource, since: Date): AsyncGenerator<readonly BcChange[]> {
    const pager = this.bc.client.list(BcPath.collection(resource), changeSchema, {
      filter: gt('lastModifiedDateTime', since),
      select: ['id', 'lastModifiedDateTime'],
    });
    for await (const page of pager.pages()) {
      yield page.map((r) => ({ id: r.id.toLowerCase(), lastModifiedDateTime: new Date(r.lastModifiedDateTime) }));
    }
  }

  async *scanItems(): AsyncGenerator<readonly ScannedItem[]> {
    for await (const page of this.bc.items.list(SCAN_FIELDS, { readReplica: true }).pages()) {
      yield page.map((item) => ({
        id: item.id.toLowerCase(),
        number: item.number,
        type: item.type,
        blocked: item.blocked,
        inventory: item.inventory.toString(),
        unitPrice: item.unitPrice.toString(),
      }));
    }
  }
}
