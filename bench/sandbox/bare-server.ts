import { createServer } from 'node:http';

/**
 * The floor: a bare node:http server answering one fixed JSON body, the same bytes the sandbox's `GET /v2/store`
 * answers when the benchmark passes them in `BARE_BODY` (a small stand-in otherwise).
 */
const body =
  process.env.BARE_BODY ??
  JSON.stringify({ id: 1001234567, domain: 'sandbox.example.com', name: 'ML Sandbox Store', currency: 'USD' });
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
