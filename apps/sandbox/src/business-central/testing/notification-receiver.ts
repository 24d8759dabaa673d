import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedNotification {
  readonly headers: IncomingHttpHeaders;
  readonly body: { value: Array<Record<string, string>> };
}

export type HandshakeMode = 'echo' | 'wrong-token' | 'json' | { status: number } | 'hang';

/**
 * A webhook receiver for tests: answers BC's validation handshake as configured and records notification POSTs,
 * answering each with the next scripted status (default 202).
 */
export class NotificationReceiver {
  readonly notifications: ReceivedNotification[] = [];
  handshakes = 0;
  handshake: HandshakeMode = 'echo';
  private statuses: number[] = [];
  private waiters: Array<() => void> = [];
  private server?: Server;
  url = '';

  static async start(): Promise<NotificationReceiver> {
    const receiver = new NotificationReceiver();
    receiver.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => receiver.handle(req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => receiver.server!.listen(0, '127.0.0.1', () => resolve()));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/bc/notifications`;
    return receiver;
  }

  /** The next notification POSTs get these statuses, in order. */
  respondWith(...statuses: number[]): void {
    this.statuses.push(...statuses);
  }

  /** Resolves once at least `count` notification POSTs have arrived (real time). */
  async waitFor(count: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.notifications.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} notifications, got ${this.notifications.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  entries(): Array<Record<string, string>> {
    return this.notifications.flatMap((n) => n.body.value);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private handle(url: string, headers: IncomingHttpHeaders, body: string, res: import('node:http').ServerResponse): void {
    const token = new URL(url, 'http://receiver').searchParams.get('validationToken');
    if (token !== null) {
      this.handshakes += 1;
      const mode = this.handshake;
      if (mode === 'hang') return;
      if (typeof mode === 'object') res.writeHead(mode.status).end();
      else if (mode === 'json') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(token));
      else res.writeHead(200, { 'content-type': 'text/plain' }).end(mode === 'echo' ? token : 'nope');
      return;
    }
    this.notifications.push({ headers, body: JSON.parse(body) as ReceivedNotification['body'] });
    res.writeHead(this.statuses.shift() ?? 202).end();
    for (const wake of this.waiters.splice(0)) wake();
  }
}
