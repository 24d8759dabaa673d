import { z } from 'zod';
import { BcPath, BusinessCentral, gt } from '@mlc/business-central';
import type { WatchedResource } from '../persistence/watcher-state.port';
import type { BcChange, BcWatchPort, ScannedItem } from './bc-watch.port';

const changeSchema = z.object({ id: z.string().min(1), lastModifiedDateTime: z.string().min(1) });
/** The scan's fields, kept as JSON numbers: a fingerprint needs stable text, not Decimal arithmetic. */
const scanSchema = z.object({
  id: z.string().min(1),
  number: z.string(),
  type: z.string(),
  blocked: z.boolean(),
  inventory: z.number(),
  unitPrice: z.number(),
});
const SCAN_FIELDS = ['id', 'number', 'type', 'blocked', 'inventory', 'unitPrice'];

/**
 * The watcher's reads of BC over the HTTP adapter's client. Delta polls select only `id,lastModifiedDateTime`; the
 * stock scan selects `id,number,type,blocked,inventory,unitPrice`, may be served by a read replica (it is never a
 * read-after-write), and keeps decimals as the JSON numbers BC sent, rendered back to text: 100,000 items make no
 * Decimal objects.
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
    const pager = this.bc.client.list(BcPath.collection('items'), scanSchema, { select: SCAN_FIELDS }, { readReplica: true });
    for await (const page of pager.pages()) {
      yield page.map((item) => ({
        id: item.id.toLowerCase(),
        number: item.number,
        type: item.type,
        blocked: item.blocked,
        inventory: String(item.inventory),
        unitPrice: String(item.unitPrice),
      }));
    }
  }
}
