import { isRecord } from '../http/request-input';

/** Documented webhook scopes a hook may subscribe to (wildcards included). */
export const KNOWN_SCOPES = new Set([
  'store/order/*',
  'store/order/created',
  'store/order/updated',
  'store/order/archived',
  'store/order/statusUpdated',
  'store/order/message/created',
  'store/order/refund/created',
  'store/order/transaction/created',
  'store/order/transaction/updated',
  'store/product/*',
  'store/product/created',
  'store/product/updated',
  'store/product/deleted',
  'store/product/inventory/updated',
  'store/product/inventory/order/updated',
  'store/sku/*',
  'store/sku/created',
  'store/sku/updated',
  'store/sku/deleted',
  'store/sku/inventory/updated',
  'store/sku/inventory/order/updated',
  'store/customer/*',
  'store/customer/created',
  'store/customer/updated',
  'store/customer/deleted',
  'store/customer/address/created',
  'store/customer/address/updated',
  'store/customer/address/deleted',
  'store/customer/payment/instrument/default/updated',
  'store/cart/*',
  'store/cart/created',
  'store/cart/updated',
  'store/cart/deleted',
  'store/cart/couponApplied',
  'store/cart/abandoned',
  'store/cart/converted',
  'store/category/*',
  'store/category/created',
  'store/category/updated',
  'store/category/deleted',
  'store/shipment/*',
  'store/shipment/created',
  'store/shipment/updated',
  'store/shipment/deleted',
  'store/app/uninstalled',
  'store/information/updated',
  'store/subscriber/*',
  'store/subscriber/created',
  'store/subscriber/updated',
  'store/subscriber/deleted',
  'store/inventory/location/created',
  'store/inventory/location/updated',
  'store/hook/deliveryException',
]);

export const MAX_HOOKS_PER_SCOPE = 10;

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Destinations must be HTTPS on port 443 (custom ports are rejected). The sandbox's one relaxation: loopback
 * destinations (127.0.0.0/8, localhost, [::1]) may be plain HTTP on any port, so local receivers work.
 */
export function destinationProblem(destination: string): string | undefined {
  let url: URL;
  try {
    url = new URL(destination);
  } catch {
    return 'destination must be an absolute URL.';
  }
  if (isLoopback(url.hostname) && (url.protocol === 'http:' || url.protocol === 'https:')) return undefined;
  if (url.protocol !== 'https:') return 'destination must use HTTPS.';
  if (url.port !== '' && url.port !== '443')
    return 'destination must be served on port 443; custom ports are not supported.';
  return undefined;
}

export interface HookInput {
  scope?: string;
  destination?: string;
  isActive?: boolean;
  headers?: Record<string, string> | null;
}

/** Validates a create (all required fields) or update (any subset, at least one) body; errors keyed by field. */
export function parseHookBody(
  body: unknown,
  creating: boolean,
): { ok: true; value: HookInput } | { ok: false; errors: Record<string, string> } {
  if (!isRecord(body)) return { ok: false, errors: { body: 'error.path.missing.' } };
  const errors: Record<string, string> = {};
  const value: HookInput = {};
  if (body.scope === undefined) {
    if (creating) errors.scope = 'error.path.missing.';
  } else if (typeof body.scope !== 'string' || !KNOWN_SCOPES.has(body.scope))
    errors.scope = 'scope is not a supported webhook scope.';
  else value.scope = body.scope;
  if (body.destination === undefined) {
    if (creating) errors.destination = 'error.path.missing.';
  } else if (typeof body.destination !== 'string') errors.destination = 'destination must be a string.';
  else {
    const problem = destinationProblem(body.destination);
    if (problem) errors.destination = problem;
    else value.destination = body.destination;
  }
  if (body.is_active !== undefined) {
    if (typeof body.is_active !== 'boolean') errors.is_active = 'is_active must be a boolean.';
    else value.isActive = body.is_active;
  }
  if (body.headers !== undefined) {
    const headers = body.headers;
    if (headers === null) value.headers = null;
    else if (!isRecord(headers) || !Object.values(headers).every((v) => typeof v === 'string'))
      errors.headers = 'headers must be an object of strings.';
    else value.headers = headers as Record<string, string>;
  }
  if (!creating && Object.keys(value).length === 0 && Object.keys(errors).length === 0)
    errors.body = 'At least one field is required to perform an update.';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}
