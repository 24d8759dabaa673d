import type { IncomingMessage } from 'node:http';

export type BodyResult =
  { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly reason: 'body-too-large' | 'aborted' };

/**
 * Reads the request body as the exact bytes received (signatures are computed over them), refusing more than
 * `limit` bytes: at once when Content-Length announces it, else as soon as the stream passes it. A client that
 * disconnects or sends fewer bytes than it announced yields `aborted`.
 */
export function readRawBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    return Promise.resolve({ ok: false, reason: 'body-too-large' });
  }
  return new Promise<BodyResult>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish({ ok: false, reason: 'body-too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () =>
      finish({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) });
    const onAbort = () => finish({ ok: false, reason: 'aborted' });
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
  });
}

/** Discards the rest of a body the answer does not need (the handshake), so the connection can be reused. */
export function discardBody(req: IncomingMessage): void {
  if (!req.complete) req.resume();
}
