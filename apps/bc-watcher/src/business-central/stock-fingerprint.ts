import type { ItemFingerprint } from '../persistence/watcher-state.port';
import type { ScannedItem } from './bc-watch.port';

/**
 * An item's scan fingerprint: a 32-bit hash of its stock level and one of the other scanned fields (number, type,
 * blocked, unit price). Two halves let the diff tell a silent stock movement from an item change; 8 bytes per item
 * keep the state of a 100,000-item scan under a megabyte of table data. A hash collision hides one change with a
 * chance of 2^-32, and the next change of the same field shows it.
 */
export function fingerprintOf(item: ScannedItem): ItemFingerprint {
  return {
    stock: hash32(item.inventory),
    attrs: hash32(`${item.number}\u0000${item.type}\u0000${item.blocked ? 1 : 0}\u0000${item.unitPrice}`),
  };
}

/** What changed since the last scan: `updated` wins over `stock` (the consumer re-reads the whole item anyway). */
export function changeOf(previous: ItemFingerprint | undefined, next: ItemFingerprint): 'stock' | 'updated' | undefined {
  if (!previous) return 'updated';
  if (previous.attrs !== next.attrs) return 'updated';
  if (previous.stock !== next.stock) return 'stock';
  return undefined;
}

/**
 * FNV-1a over UTF-16 code units, as a signed 32-bit integer (Postgres `integer`). Not cryptographic, and need not be:
 * it only detects change. Pure arithmetic keeps a 100,000-item scan free of per-item buffers.
 */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
