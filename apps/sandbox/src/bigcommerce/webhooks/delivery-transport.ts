import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

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
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const payload = Buffer.from(body, 'utf8');
    let settled = false;
    const done = (result: DeliveryResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = send(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(payload.length) }, timeout: timeoutMs },
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
