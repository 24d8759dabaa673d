import { randomUUID } from 'node:crypto';
import { BcTarget, businessCentralErrorFor } from '../client/business-central-error-table';
import { RequestKind, transportError } from '../client/request-executor';
import { TransportFailure, TransportFailureKind } from '../http/http-transport.port';

/** An HTTP status the real client would have received, or a failure without an answer. */
export type FakeFailure = number | TransportFailureKind;

export interface FailNextOptions {
  /** Only the next call with this operation label (`POST salesInvoices`, `GET items`); any call when omitted. */
  readonly operation?: string;
  /** Apply the write, then fail: BC committed but the answer was lost. */
  readonly afterCommit?: boolean;
  readonly bcCode?: string;
  readonly retryAfterMs?: number;
}

interface Scripted {
  readonly failure: FakeFailure;
  readonly options: FailNextOptions;
}

/**
 * Shared machinery of the in-memory fake: call log with the same operation labels as the HTTP client, scripted
 * failures turned into exactly the errors the HTTP client throws (same table), ETags and ids.
 */
export class FakeRuntime {
  /** Operation labels of every call, in order (`GET customers`, `POST salesInvoices({id})/Microsoft.NAV.post`). */
  readonly calls: string[] = [];
  private readonly scripted: Scripted[] = [];
  private etagCounter = 0;

  constructor(readonly now: () => Date) {}

  failNext(failure: FakeFailure, options: FailNextOptions = {}): void {
    this.scripted.push({ failure, options });
  }

  async call<T>(operation: string, kind: RequestKind, target: BcTarget, effect: () => T): Promise<T> {
    this.calls.push(operation);
    const index = this.scripted.findIndex(
      (s) => s.options.operation === undefined || s.options.operation === operation,
    );
    if (index < 0) return effect();
    const [scripted] = this.scripted.splice(index, 1) as [Scripted];
    if (scripted.options.afterCommit) effect();
    throw this.errorFor(scripted, operation, kind, target);
  }

  /** Throws what the HTTP client throws for this BC answer. */
  reject(
    operation: string,
    kind: RequestKind,
    target: BcTarget,
    status: number,
    bcCode: string,
    bcMessage: string,
  ): never {
    throw businessCentralErrorFor({
      status,
      bcCode,
      bcMessage,
      operation,
      target,
      nonIdempotentWrite: kind === 'create' || kind === 'action',
    });
  }

  etag(): string {
    this.etagCounter += 1;
    return `W/"JzE5OzEyMzQ1Njc4OTAxMjM0NTY3ODkwMTt${this.etagCounter}Oyc="`;
  }

  id(): string {
    return randomUUID();
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  private errorFor(s: Scripted, operation: string, kind: RequestKind, target: BcTarget): Error {
    if (typeof s.failure === 'string')
      return transportError(operation, kind, new TransportFailure(s.failure, `fake ${s.failure}`));
    return businessCentralErrorFor({
      status: s.failure,
      bcCode: s.options.bcCode,
      operation,
      target,
      nonIdempotentWrite: kind === 'create' || kind === 'action',
      retryAfterMs: s.options.retryAfterMs,
    });
  }
}

/** Store-side record: BC's JSON shape, read back through the real schemas. */
export type WireRecord = Record<string, unknown>;
