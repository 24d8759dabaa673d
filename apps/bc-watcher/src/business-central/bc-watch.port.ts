import type { SubscriptionsPort } from '@mlc/business-central';
import type { WatchedResource } from '../persistence/watcher-state.port';

/** A record BC reports as modified: ids and times only (signals carry ids, handlers re-read). */
export interface BcChange {
  readonly id: string;
  readonly lastModifiedDateTime: Date;
}

/** The fields of the stock scan (`$select=id,number,type,blocked,inventory,unitPrice`), decimals as text. */
export interface ScannedItem {
  readonly id: string;
  readonly number: string;
  readonly type: string;
  readonly blocked: boolean;
  readonly inventory: string;
  readonly unitPrice: string;
}

/** What the watcher needs from one connection's Business Central company. */
export interface BcWatchPort {
  readonly companyId: string;
  readonly subscriptions: SubscriptionsPort;
  /** Pages of records with `lastModifiedDateTime gt since`, following nextLink to the end. */
  changedSince(resource: WatchedResource, since: Date): AsyncIterable<readonly BcChange[]>;
  /** Pages of every item with the scan's fields; one request per page. */
  scanItems(): AsyncIterable<readonly ScannedItem[]>;
}
