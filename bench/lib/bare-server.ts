/**
 * The baseline server: plain node:http answering every request with one constant JSON body (a real check
 * answer), after reading the request body. What any HTTP API on Node costs, with nothing of Tocsin in it.
 */
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 0);
const body = Buffer.from(process.argv[3] ?? '{"ok":true}');
const server = createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
