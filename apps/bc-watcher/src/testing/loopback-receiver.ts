import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
  readonly at: number;
}

/**
 * Stands in for ingress in the watcher's integration tests, on loopback: answers BC's validation handshake
 * (`?validationToken=` echoed as text/plain), records BC notifications and BigCommerce deliveries, and answers them
 * with a status the test chooses (a 404 makes BC delete the URL's subscriptions).
 */
export class LoopbackReceiver {
  readonly handshakes: Array<{ path: string; at: number }> = [];
  readonly notifications: ReceivedRequest[] = [];
  readonly deliveries: ReceivedRequest[] = [];
  notificationStatus = 202;
  private readonly server: Server = createServer((req, res) => this.handle(req, res));

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const token = url.searchParams.get('validationToken');
      if (token !== null) {
        this.handshakes.push({ path: url.pathname, at: Date.now() });
        res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const received = { path: url.pathname, headers: req.headers, body: text ? (JSON.parse(text) as unknown) : undefined, at: Date.now() };
      if (url.pathname.startsWith('/webhooks/business-central/')) {
        this.notifications.push(received);
        res.writeHead(this.notificationStatus).end();
      } else {
        this.deliveries.push(received);
        res.writeHead(200).end();
      }
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Notification entries (`value[]`) received so far. */
  notificationEntries(): Array<{ subscriptionId: string; resource: string; changeType: string; clientState: string }> {
    return this.notifications.flatMap((n) => (n.body as { value?: [] } | undefined)?.value ?? []);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
