import type { SandboxResponse } from '../../core/router';
import type { ApiRequest } from '../api/api-request';
import { badRequest, BcError, dialogError, errorResponse, methodNotAllowed, notFoundSegment } from '../api/bc-error';
import { checkIfMatch } from '../api/concurrency';
import { ODATA_HEADERS } from '../api/entity-handlers';
import { stringKey } from '../api/odata-path';
import { SUBSCRIPTION_FIELDS } from '../model/master-data-fields';
import { convert } from '../model/validate-body';
import { WEBHOOK_SETS } from '../resources/registry';
import type { BcEnvironment } from '../store/bc-environment';
import { etagOf } from '../store/table';
import { validateNotificationUrl } from './outgoing';
import { projectSubscription, Subscription, SubscriptionStore } from './subscription-store';

const RESOURCE = /companies\(([0-9a-fA-F-]{36})\)\/([A-Za-z]+)\/?$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

interface Body {
  notificationUrl?: string;
  resource?: string;
  clientState?: string;
}

function readBody(req: ApiRequest): Body {
  if (req.malformedBody) throw badRequest('Invalid Request Body');
  const body = req.body ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('Invalid Request Body');
  const fields = new Map(SUBSCRIPTION_FIELDS.map((f) => [f.name, f]));
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (key.startsWith('@')) continue;
    const field = fields.get(key);
    if (!field) {
      throw badRequest(`The property '${key}' does not exist on type 'Microsoft.NAV.subscriptions'. Make sure to only use property names that are defined by the type.`);
    }
    if (field.readOnly) throw new BcError(400, 'BadRequest_InvalidOperation', `Control '${key}' is read-only.`);
    out[key] = convert(field, raw) as string;
  }
  return out;
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw dialogError(`The notification URL '${url}' is not a valid absolute URL.`);
  }
  const loopback = LOOPBACK.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(loopback && parsed.protocol === 'http:')) {
    throw dialogError('The notification URL must use HTTPS.');
  }
}

function checkResource(env: BcEnvironment, resource: string): { companyId: string; entitySet: string } {
  const match = RESOURCE.exec(resource.split('?')[0]!);
  const companyId = match?.[1]?.toLowerCase();
  const entitySet = match?.[2];
  if (!companyId || !entitySet || !env.companies.has(companyId)) {
    throw dialogError(`The resource '${resource}' does not identify an entity set of a company in this environment.`);
  }
  if (!WEBHOOK_SETS.has(entitySet)) throw dialogError(`The entity set '${entitySet}' does not support webhooks.`);
  return { companyId, entitySet };
}

async function handshake(env: BcEnvironment, url: string): Promise<void> {
  const result = await validateNotificationUrl(url, env.settings.handshakeTimeoutMs);
  if (!result.ok) throw dialogError(`The subscription could not be validated: ${result.reason}.`);
}

function entity(req: ApiRequest, s: Subscription, status: number): SandboxResponse {
  return { status, headers: { ...ODATA_HEADERS }, body: { '@odata.context': `${req.serviceRoot}$metadata#subscriptions/$entity`, ...projectSubscription(s) } };
}

/**
 * `{root}/subscriptions` and `subscriptions('<id>')`: create and renew run the validation handshake before anything
 * is stored; renewal needs If-Match; at most `subscriptionLimit` (200) live subscriptions per environment.
 */
export async function handleSubscriptions(env: BcEnvironment, store: SubscriptionStore, req: ApiRequest): Promise<SandboxResponse> {
  try {
    const [segment, ...rest] = req.segments;
    if (!segment || rest.length > 0) throw notFoundSegment(req.url.toString());
    const id = stringKey(segment);
    if (id === undefined) return await collection(env, store, req);
    const subscription = store.get(id);
    if (!subscription) {
      throw new BcError(404, 'BadRequest_NotFound', `The subscription does not exist. Identification fields and values: subscriptionId='${id}'`);
    }
    return await single(env, store, req, subscription);
  } catch (err) {
    return errorResponse(err);
  }
}

async function collection(env: BcEnvironment, store: SubscriptionStore, req: ApiRequest): Promise<SandboxResponse> {
  if (req.method === 'GET') {
    return {
      status: 200,
      headers: { ...ODATA_HEADERS },
      body: { '@odata.context': `${req.serviceRoot}$metadata#subscriptions`, value: store.list().map(projectSubscription) },
    };
  }
  if (req.method !== 'POST') throw methodNotAllowed(req.method, 'subscriptions');
  const body = readBody(req);
  if (!body.notificationUrl) throw dialogError('The notificationUrl must be specified.');
  if (!body.resource) throw dialogError('The resource must be specified.');
  checkUrl(body.notificationUrl);
  const target = checkResource(env, body.resource);
  if (store.list().length >= env.settings.subscriptionLimit) {
    throw dialogError(`The maximum number of webhook subscriptions (${env.settings.subscriptionLimit}) for this environment has been reached.`);
  }
  await handshake(env, body.notificationUrl);
  const created = store.create(
    { notificationUrl: body.notificationUrl, resource: body.resource, clientState: body.clientState ?? '', ...target },
    req.userId,
  );
  return entity(req, created, 201);
}

async function single(env: BcEnvironment, store: SubscriptionStore, req: ApiRequest, s: Subscription): Promise<SandboxResponse> {
  if (req.method === 'GET') return entity(req, s, 200);
  if (req.method === 'DELETE') {
    checkIfMatch(req.headers['if-match'], { id: s.subscriptionId, data: {}, version: s.version, createdAt: 0, modifiedAt: 0 }, false);
    store.delete(s);
    return { status: 204 };
  }
  if (req.method !== 'PATCH') throw methodNotAllowed(req.method, 'subscriptions');
  const etagAtStart = etagOf(s.version);
  checkIfMatch(req.headers['if-match'], { id: s.subscriptionId, data: {}, version: s.version, createdAt: 0, modifiedAt: 0 }, true);
  const body = readBody(req);
  const url = body.notificationUrl ?? s.notificationUrl;
  checkUrl(url);
  const target = body.resource !== undefined ? checkResource(env, body.resource) : undefined;
  if (target && (target.companyId !== s.companyId || target.entitySet !== s.entitySet)) {
    throw dialogError('The resource of a subscription cannot be changed.');
  }
  await handshake(env, url);
  if (!store.get(s.subscriptionId) || etagOf(s.version) !== etagAtStart) {
    throw new BcError(409, 'Request_EntityChanged', 'Another user has already changed the record.');
  }
  store.renew(s, {
    notificationUrl: url,
    ...(body.resource !== undefined ? { resource: body.resource } : {}),
    ...(body.clientState !== undefined ? { clientState: body.clientState } : {}),
  });
  return entity(req, s, 200);
}
