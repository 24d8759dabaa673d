import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// Connections are reused and capped per destination, so a burst of events does not open thousands of sockets.
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

export type DeliveryResult = { status: number } | { error: string };

/**
 * Posts one delivery and reports the receiver's status, or why there was none (refused, reset, timed out). The
 * response body is read and discarded.
 */
export function postDelivery(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<DeliveryResult> {
  return new Promise((resolve) => {
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const payload = Buffer.from(body, 'utf8');
    let settled = false;
    const done = (result: DeliveryResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.length) },
        timeout: timeoutMs,
        agent: secure ? httpsAgent : httpAgent,
      },
      (res) => {
        res.resume();
        res.on('end', () => done({ status: res.statusCode ?? 0 }));
        res.on('error', (err) => done({ error: err.message }));
      },
    );
    req.on('timeout', () => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    req.on('error', (err) => done({ error: err.message }));
    req.end(payload);
  });
}
