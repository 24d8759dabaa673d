import { createServer } from 'node:http';

/** The floor: a bare node:http server answering a small JSON body, like the sandbox's simplest route does. */
const body = JSON.stringify({ id: 1001234567, domain: 'sandbox.example.com', name: 'ML Sandbox Store', currency: 'USD' });
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
