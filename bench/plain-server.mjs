// The baseline for page benchmarks: a plain node:http server that answers
// every request with the same bytes and headers, from memory. Started by the
// benchmark as its own process: node bench/plain-server.mjs <port> <file with {headers, body(base64)}>
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const [port, file] = process.argv.slice(2);
const { headers, body } = JSON.parse(readFileSync(file, 'utf8'));
const bytes = Buffer.from(body, 'base64');
createServer((_req, res) => {
  res.writeHead(200, { ...headers, 'content-length': bytes.length });
  res.end(bytes);
}).listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
