import type { StoreWrite } from '@mlc/catalog';
import type { StoreGateway, WriteAttempt } from '../gateways/store-gateway.port';
import type { PushRequestRecord } from '../persistence/push-log.repository';

/** A write and how it ended. */
export interface SentWrite {
  readonly write: StoreWrite;
  readonly attempt: WriteAttempt;
  readonly record: PushRequestRecord;
}

const NOT_SENT: WriteAttempt = {
  result: 'failed',
  retryable: true,
  errorCode: 'NOT_SENT',
  error: 'not sent: the circuit to the store is open',
};

/**
 * Sends a plan's writes one at a time, in the plan's order (price batches, then absolute, then relative inventory
 * calls): BigCommerce asks that inventory writes wait for each answer and never run beside bulk catalog calls. Once
 * the store's circuit is open the remaining writes are not attempted; they stay pending and go with the next try.
 */
export async function sendWrites(
  store: StoreGateway,
  writes: readonly StoreWrite[],
  onSent?: (done: number, total: number) => void,
  now: () => number = Date.now,
): Promise<SentWrite[]> {
  const sent: SentWrite[] = [];
  let circuitOpen = false;
  for (const write of writes) {
    const started = now();
    const attempt = circuitOpen ? NOT_SENT : await store.send(write);
    if (attempt.errorCode === 'CIRCUIT_OPEN') circuitOpen = true;
    sent.push({ write, attempt, record: recordOf(write, attempt, started, now() - started) });
    onSent?.(sent.length, writes.length);
  }
  return sent;
}

function recordOf(write: StoreWrite, attempt: WriteAttempt, sentAt: number, durationMs: number): PushRequestRecord {
  return {
    kind: write.kind,
    items: write.skus.length,
    result: attempt.result,
    ...(attempt.errorCode !== undefined && { errorCode: attempt.errorCode }),
    ...(attempt.error !== undefined && { error: attempt.error.slice(0, 500) }),
    ...(attempt.transactionId !== undefined && { transactionId: attempt.transactionId }),
    sentAt: new Date(sentAt),
    durationMs,
  };
}

/** The SKUs of failed relative adjustments that BigCommerce wants an absolute level for first. */
export function skusNeedingAbsolute(
  sent: readonly SentWrite[],
  keyOfSku: (sku: string) => string | undefined,
): { readonly skus: Set<string>; readonly retry: Set<string> } {
  const skus = new Set<string>();
  const retry = new Set<string>();
  for (const { write, attempt } of sent) {
    if (write.kind !== 'relative-stock' || attempt.needsAbsolute === undefined) continue;
    const named = new Set(attempt.needsAbsolute);
    const matched = write.skus.filter((sku) => named.has(keyOfSku(sku) ?? ''));
    // The answer lists the items it refused; when its title was cut short and names none we know, all get one.
    for (const sku of matched.length > 0 ? matched : write.skus) skus.add(sku);
    for (const sku of write.skus) retry.add(sku);
  }
  return { skus, retry };
}
