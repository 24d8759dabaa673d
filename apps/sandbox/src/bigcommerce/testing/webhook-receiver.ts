import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly receivedAt: number;
}

/** A loopback HTTP receiver for webhook tests: records every delivery and answers with a configurable status. */
export class WebhookReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  status = 200;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        receiver.deliveries.push({
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
        });
        res.writeHead(receiver.status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path = '/webhooks'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Deliveries whose parsed body matches, once there are at least `count`. */
  async waitFor(
    match: (payload: Record<string, unknown>) => boolean,
    count = 1,
    timeoutMs = 5000,
  ): Promise<ReceivedDelivery[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hits = this.deliveries.filter((d) => match(JSON.parse(d.body) as Record<string, unknown>));
      if (hits.length >= count) return hits;
      if (Date.now() > deadline)
        throw new Error(`expected ${count} matching deliveries, got ${hits.length} of ${this.deliveries.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
