import { randomUUID } from 'node:crypto';
import type { SandboxWorld } from '../../core/world';
import { toIsoZ, unixSeconds } from '../http/bc-dates';
import type { BigCommerceState } from '../store/bigcommerce-state';
import type { Hook } from '../store/model';
import { DEFAULT_CLIENT_SECRET } from '../store/store-settings';
import { DeliveryResult, postDelivery } from './delivery-transport';
import { payloadHash, standardWebhookSignature, xBcSignature } from './webhook-signing';

/** Seconds between a failed attempt and the next one; after the last the hook is deactivated (about 48 h). */
export const RETRY_SCHEDULE_SECONDS = [60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400] as const;

export interface DeliveryRecord {
  readonly hookId: number;
  readonly scope: string;
  readonly webhookId: string;
  readonly attempt: number;
  readonly duplicate: boolean;
  readonly outcome: 'delivered' | 'failed' | 'dropped';
  readonly status?: number;
  readonly error?: string;
  readonly at: string;
}

interface Message {
  readonly hookId: number;
  readonly scope: string;
  readonly webhookId: string;
  readonly body: string;
}

const LOG_LIMIT = 10_000;

/**
 * Delivers events to matching active hooks: the documented thin payload, the hook's custom headers, the Standard
 * Webhooks signature and `X-BC-Signature`. Failures (non-2xx, no answer, injected faults) are retried on the
 * documented schedule divided by `timeScale`, on the sandbox clock; the last failure deactivates the hook.
 * Successful deliveries are occasionally repeated (`webhookDuplicateRate`). Deliveries start at once (a documented
 * relaxation: the real store may take up to a minute for a new hook).
 */
export class WebhookDispatcher {
  private generation = 0;
  private log: DeliveryRecord[] = [];

  constructor(
    private readonly state: BigCommerceState,
    private readonly world: SandboxWorld,
    private readonly timeScale: number,
  ) {}

  emit(scope: string, data: Record<string, unknown>): void {
    const hooks = [...this.state.hooks.values()].filter((h) => h.isActive && scopeMatches(h.scope, scope));
    if (hooks.length === 0) return;
    const { storeId, storeHash } = this.state.settings;
    const event = {
      scope,
      store_id: String(storeId),
      data,
      created_at: unixSeconds(this.world.clock.now()),
      producer: `stores/${storeHash}`,
    };
    const hash = payloadHash(JSON.stringify(event));
    const body = JSON.stringify({
      scope,
      store_id: event.store_id,
      data,
      hash,
      created_at: event.created_at,
      producer: event.producer,
    });
    for (const hook of hooks) {
      void this.attempt(
        { hookId: hook.id, scope, webhookId: `msg_${randomUUID().replace(/-/g, '')}`, body },
        0,
        false,
        this.generation,
      );
    }
  }

  deliveries(): DeliveryRecord[] {
    return [...this.log];
  }

  /** Forgets pending retries (their timers were cleared with the clock) and the delivery log. */
  reset(): void {
    this.generation += 1;
    this.log = [];
  }

  private async attempt(message: Message, attempt: number, duplicate: boolean, generation: number): Promise<void> {
    const hook = this.state.hooks.get(message.hookId);
    if (generation !== this.generation || !hook || !hook.isActive) return;
    const url = new URL(hook.destination);
    const fault = this.world.faults.decide('bigcommerce-webhooks', 'POST', url.pathname);
    if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    const failing = fault !== undefined && (fault.status !== undefined || fault.reset || fault.drop);
    if (failing && fault.drop && !fault.afterCommit) return this.record(message, attempt, duplicate, 'dropped');
    // An after-commit fault sends the delivery, then counts it as failed: the receiver sees it again on retry.
    const sent = !failing || fault.afterCommit ? await this.send(hook, message, url) : undefined;
    if (generation !== this.generation) return;
    const result: DeliveryResult = failing ? { status: fault.status ?? 0 } : sent!;
    const ok = 'status' in result && result.status >= 200 && result.status < 300;
    this.record(message, attempt, duplicate, ok ? 'delivered' : 'failed', result);
    if (duplicate) return;
    if (ok) return this.maybeDuplicate(message, attempt, generation);
    this.scheduleRetry(message, attempt, generation);
  }

  private send(hook: Hook, message: Message, url: URL): Promise<DeliveryResult> {
    const secret =
      this.state.settings.accounts.find((a) => a.clientId === hook.clientId)?.clientSecret ?? DEFAULT_CLIENT_SECRET;
    const timestamp = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      ...(hook.headers ?? {}),
      'content-type': 'application/json',
      'user-agent': 'BigCommerce-Webhooks (sandbox)',
      'webhook-id': message.webhookId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': standardWebhookSignature(secret, message.webhookId, timestamp, message.body),
      'x-bc-signature': xBcSignature(secret, message.body),
    };
    return postDelivery(url, headers, message.body, this.state.settings.webhookTimeoutMs);
  }

  private scheduleRetry(message: Message, attempt: number, generation: number): void {
    const delaySeconds = RETRY_SCHEDULE_SECONDS[attempt];
    if (delaySeconds === undefined) return this.deactivate(message.hookId);
    this.world.clock.after((delaySeconds * 1000) / this.timeScale, () => {
      void this.attempt(message, attempt + 1, false, generation);
    });
  }

  private maybeDuplicate(message: Message, attempt: number, generation: number): void {
    const rate = this.state.settings.webhookDuplicateRate;
    if (rate > 0 && this.world.random() < rate) {
      setImmediate(() => void this.attempt(message, attempt, true, generation));
    }
  }

  private deactivate(hookId: number): void {
    const hook = this.state.hooks.get(hookId);
    if (!hook || !hook.isActive) return;
    hook.isActive = false;
    hook.updatedAt = unixSeconds(this.world.clock.now());
  }

  private record(
    message: Message,
    attempt: number,
    duplicate: boolean,
    outcome: DeliveryRecord['outcome'],
    result?: DeliveryResult,
  ): void {
    this.log.push({
      hookId: message.hookId,
      scope: message.scope,
      webhookId: message.webhookId,
      attempt,
      duplicate,
      outcome,
      ...(result && 'status' in result ? { status: result.status } : {}),
      ...(result && 'error' in result ? { error: result.error } : {}),
      at: toIsoZ(this.world.clock.now()),
    });
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }
}

/** Exact scopes match themselves; `store/order/*` matches every scope under `store/order/`. */
export function scopeMatches(hookScope: string, eventScope: string): boolean {
  if (hookScope === eventScope) return true;
  return hookScope.endsWith('/*') && eventScope.startsWith(hookScope.slice(0, -1));
}
