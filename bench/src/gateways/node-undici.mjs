// The practical Node floor: node:http server, buffer the body, JSON.parse, pick the upstream by
// model, JSON.stringify, forward with an undici Pool, stream the answer back. No features.
// Usage: node node-undici.mjs --port=<port> --upstream=http://127.0.0.1:<port>
import http from 'node:http';
import { pipeline } from 'node:stream';
import { parseArgs } from 'node:util';
import { importPeer } from '../peers.mjs';

const { Pool } = await importPeer('undici');
const { values } = parseArgs({ options: { port: { type: 'string' }, upstream: { type: 'string' } } });
const pool = new Pool(values.upstream, { connections: 128 });
const poolsByModel = new Map([['bench-chat', pool]]);
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

function sendError(res, status, message) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message, type: 'gateway_error' } }));
}

function forwardHeaders(headers) {
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!hopByHop.has(name)) out[name] = value;
  }
  return out;
}

async function forward(req, res, raw) {
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    sendError(res, 400, 'body is not JSON');
    return;
  }
  const upstream = poolsByModel.get(parsed.model);
  if (upstream === undefined) {
    sendError(res, 404, `no route for model ${parsed.model}`);
    return;
  }
  const body = JSON.stringify(parsed);
  const headers = forwardHeaders(req.headers);
  headers['content-length'] = String(Buffer.byteLength(body));
  const answer = await upstream.request({ method: 'POST', path: req.url, headers, body });
  res.writeHead(answer.statusCode, forwardHeaders(answer.headers));
  pipeline(answer.body, res, () => {});
}

const server = http.createServer((req, res) => {
  const parts = [];
  req.on('data', (part) => parts.push(part));
  req.on('end', () => {
    forward(req, res, Buffer.concat(parts).toString('utf8')).catch((error) => sendError(res, 502, error.message));
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ listening: server.address().port })}\n`);
});
