// The design card's stack: express 5 + express.json() + http-proxy 1.18. The parsed body goes
// back to http-proxy as its `buffer` stream; re-writing it in `proxyReq` instead races with
// http-proxy's own pipe and throws ERR_HTTP_HEADERS_SENT under load (anchors-performance 2d.3).
// Usage: node express-httpproxy.mjs --port=<port> --upstream=http://127.0.0.1:<port>
import http from 'node:http';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { importPeer } from '../peers.mjs';

const express = await importPeer('express');
const httpProxy = await importPeer('http-proxy');
const { values } = parseArgs({ options: { port: { type: 'string' }, upstream: { type: 'string' } } });
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
const proxy = httpProxy.createProxyServer({ agent });
const upstreamsByModel = new Map([['bench-chat', values.upstream]]);

proxy.on('error', (error, _req, res) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(502, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message: error.message, type: 'gateway_error' } }));
});

const app = express();
app.use(express.json({ limit: '10mb' }));
app.post('/v1/chat/completions', (req, res) => {
  const target = upstreamsByModel.get(req.body?.model);
  if (target === undefined) {
    res.status(404).json({ error: { message: `no route for model ${req.body?.model}`, type: 'gateway_error' } });
    return;
  }
  const body = Buffer.from(JSON.stringify(req.body));
  req.headers['content-length'] = String(body.length);
  proxy.web(req, res, { target, buffer: Readable.from([body]) });
});

const server = app.listen(Number(values.port ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ listening: server.address().port })}\n`);
});
server.keepAliveTimeout = 65_000;
