import { createHash } from 'node:crypto';
import type { StoreOrder } from '../model/store-order';
import { canonicalJson } from './canonical-json';

/**
 * sha256 (hex) of the canonical JSON of what the BC document is built from. Status, modification date, shipment and
 * refund progress are left out on purpose: an order moving from Awaiting Fulfillment to Shipped, or being refunded,
 * is not an edit of its document (refunds become credit memos), so it must not look like one.
 */
export function contentHash(order: StoreOrder): string {
  return createHash('sha256')
    .update(canonicalJson(documentContent(order)))
    .digest('hex');
}

/** sha256 (hex) of the raw store JSON as fetched, canonicalised: the audit evidence kept with a sync attempt. */
export function snapshotHash(raw: unknown): string {
  return createHash('sha256').update(canonicalJson(raw)).digest('hex');
}

/** The document-relevant projection of an order (see contentHash). */
export function documentContent(order: StoreOrder): unknown {
  const { statusId: _s, status: _st, isDeleted: _d, dateModified: _m, lines, payments, coupons: _c, ...rest } = order;
  return {
    ...rest,
    lines: lines.map(({ quantityRefunded: _q, ...line }) => line),
    payments: { giftCertificateAmount: payments.giftCertificateAmount, storeCreditAmount: payments.storeCreditAmount },
  };
}
