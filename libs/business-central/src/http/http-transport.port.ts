/** One HTTP exchange, already authorised. URLs may carry query strings: never log or echo them. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Deadline for the whole exchange (connect, headers and body). */
  readonly timeoutMs: number;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

/**
 * How a request failed without an HTTP answer. `connect` means nothing was sent (safe to repeat any request);
 * `timeout` and `reset` mean the server may have acted on it.
 */
export type TransportFailureKind = 'connect' | 'timeout' | 'reset';

export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportFailure';
  }
}

/** The port every outbound call of this library goes through; the undici pool in production, a fake in tests. */
export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>;
  close?(): Promise<void>;
}
