import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

/*
 * The floor for this machine: a bare node:http server that reads the body, verifies the Standard Webhooks signature
 * (HMAC-SHA256 over "id.timestamp.body", 5 minutes' tolerance, constant-time) and answers. No framework, no parsing,
 * no Kafka. Run pinned to one core beside the ingress, with the same load.
 */
const port = Number(process.argv[2] ?? 0);
// A KeyObject made once: createHmac with a raw Buffer key costs several times more per call on Node 24.
const secret = createSecretKey(Buffer.from(process.argv[3] ?? '', 'utf8'));

function verified(headers: Record<string, string | string[] | undefined>, body: Buffer): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${id}.${timestamp}.`).update(body).digest();
  return signature.split(' ').some((entry) => {
    if (!entry.startsWith('v1,')) return false;
    const given = Buffer.from(entry.slice(3), 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const ok = verified(req.headers, Buffer.concat(chunks));
    res.writeHead(ok ? 200 : 401, { 'content-length': 0 });
    res.end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
