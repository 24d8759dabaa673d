import {
  HttpRequest,
  HttpResponse,
  HttpTransport,
  TransportFailure,
  TransportFailureKind,
} from '../http/http-transport.port';

export type FakeReply =
  HttpResponse | TransportFailureKind | ((request: HttpRequest) => HttpResponse | Promise<HttpResponse>);

/** A JSON answer as BC sends it. */
export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; odata.metadata=minimal', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** BC's error body `{"error":{"code","message"}}`. */
export function bcErrorReply(
  status: number,
  code: string,
  message = 'error',
  headers: Record<string, string> = {},
): HttpResponse {
  return jsonReply(
    status,
    { error: { code, message: `${message}  CorrelationId:  00000000-0000-0000-0000-000000000000.` } },
    headers,
  );
}

/**
 * Scripted transport: replies are taken in order from the queue, then from the fallback. A reply may be a response,
 * a transport failure kind ('timeout', 'reset', 'connect') or a function of the request. Every request is recorded.
 */
export class FakeHttpTransport implements HttpTransport {
  readonly requests: HttpRequest[] = [];
  private readonly queue: FakeReply[] = [];

  constructor(private fallback: FakeReply = jsonReply(200, { value: [] })) {}

  reply(...replies: FakeReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  replyByDefault(reply: FakeReply): this {
    this.fallback = reply;
    return this;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const reply = this.queue.shift() ?? this.fallback;
    if (typeof reply === 'string') throw new TransportFailure(reply, `fake ${reply}`);
    return typeof reply === 'function' ? reply(request) : reply;
  }
}
