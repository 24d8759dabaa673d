import { OutcomeUnknownError, RetryableError } from '@mlc/platform-errors';
import { BigCommerceApi } from '../bigcommerce-api.port';
import { bigCommerceError } from '../client/bigcommerce-error-table';

/**
 * Scripted failures for the in-memory fake, turned into exactly the errors the HTTP client raises: a status goes
 * through the same error table; on one-shot writes (createHook, adjustRelative) a 408/5xx, timeout or reset is an
 * OutcomeUnknownError. `afterApply` makes the write take effect before it fails, like a real write whose answer was
 * lost.
 */
export type ApiMethod = keyof BigCommerceApi;
export type ScriptedFailure = number | 'timeout' | 'reset' | Error;

export interface FailureOptions {
  /** Only this method fails; by default the next call of any method does. */
  readonly method?: ApiMethod;
  /** The effect is applied, then the call fails (only meaningful for writes). */
  readonly afterApply?: boolean;
}

interface Scripted extends FailureOptions {
  readonly failure: ScriptedFailure;
}

export const OPERATIONS: Readonly<Record<ApiMethod, string>> = {
  storeInformation: 'GET /v2/store',
  getOrder: 'GET /v2/orders/{id}',
  listOrdersModifiedSince: 'GET /v2/orders',
  listOrderProducts: 'GET /v2/orders/{id}/products',
  listRefunds: 'GET /v3/orders/{id}/payment_actions/refunds',
  findCustomersByEmail: 'GET /v3/customers',
  listProducts: 'GET /v3/catalog/products',
  getVariantsBySku: 'GET /v3/catalog/variants',
  updateVariantsBatch: 'PUT /v3/catalog/variants',
  updateProductsBatch: 'PUT /v3/catalog/products',
  adjustAbsolute: 'PUT /v3/inventory/adjustments/absolute',
  adjustRelative: 'POST /v3/inventory/adjustments/relative',
  listLocations: 'GET /v3/inventory/locations',
  listHooks: 'GET /v3/hooks',
  createHook: 'POST /v3/hooks',
  updateHook: 'PUT /v3/hooks/{id}',
  deleteHook: 'DELETE /v3/hooks/{id}',
};

const ONE_SHOT: ReadonlySet<ApiMethod> = new Set(['createHook', 'adjustRelative']);

export class FailureScript {
  private readonly queue: Scripted[] = [];

  constructor(private readonly storeHash: () => string) {}

  add(failure: ScriptedFailure, options: FailureOptions = {}): void {
    this.queue.push({ failure, ...options });
  }

  /** Removes and returns the failure scripted for this call, if any. */
  take(method: ApiMethod): Scripted | undefined {
    const index = this.queue.findIndex((s) => s.method === undefined || s.method === method);
    return index < 0 ? undefined : this.queue.splice(index, 1)[0];
  }

  get pending(): number {
    return this.queue.length;
  }

  errorFor(method: ApiMethod, failure: ScriptedFailure): Error {
    if (failure instanceof Error) return failure;
    const operation = OPERATIONS[method];
    const where = `bigcommerce ${operation}`;
    const oneShot = ONE_SHOT.has(method);
    if (failure === 'timeout' || failure === 'reset') {
      const what = failure === 'timeout' ? 'timed out' : 'network failure (ECONNRESET)';
      if (oneShot)
        return new OutcomeUnknownError(`${where} ${what}; the write may have been applied`, { operation: where });
      return new RetryableError(failure === 'timeout' ? 'TIMEOUT' : 'NETWORK', `${where} ${what}`, {
        operation: where,
      });
    }
    if (oneShot && (failure === 408 || (failure >= 500 && failure !== 507))) {
      return new OutcomeUnknownError(`${where} answered ${failure}; the write may have been applied`, {
        status: failure,
        operation: where,
      });
    }
    return bigCommerceError(
      { status: failure, retryAfterMs: failure === 429 ? 1000 : undefined },
      { operation, storeHash: this.storeHash() },
    );
  }
}
