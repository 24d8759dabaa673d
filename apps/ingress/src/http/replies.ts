import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a handler decided; the controller writes it. Bodies are short reason codes, never internals. */
export interface Answer {
  readonly status: number;
  /** `{error: reason}` for refusals; nothing for acknowledgements (BigCommerce advises against response bodies). */
  readonly error?: string;
  /** A text/plain body (the BC validation handshake echoes its token). */
  readonly text?: string;
  readonly retryAfterSeconds?: number;
  /** Close the connection after answering (a body was refused unread). */
  readonly close?: boolean;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** The caller's X-Request-Id when it is a plausible id, else a fresh one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export function writeAnswer(res: ServerResponse, answer: Answer, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = { 'x-request-id': requestId };
  if (answer.retryAfterSeconds !== undefined) headers['retry-after'] = answer.retryAfterSeconds;
  if (answer.close) headers['connection'] = 'close';
  let body = '';
  if (answer.text !== undefined) {
    headers['content-type'] = 'text/plain; charset=utf-8';
    body = answer.text;
  } else if (answer.error !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify({ error: answer.error });
  }
  headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(answer.status, headers);
  res.end(body);
}
