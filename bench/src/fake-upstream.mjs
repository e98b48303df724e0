// The fake OpenAI upstream every target points at. It answers from precomputed buffers so its
// own cost stays small and constant: a fixed chat.completion, or with "stream":true 20
// chat.completion.chunk events (one per event-loop turn, like a token stream), a usage chunk
// and [DONE], i.e. 22 `data:` events.
// Usage: node fake-upstream.mjs --port=<port> [--chunks=20]
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string' }, chunks: { type: 'string', default: '20' } } });
const chunkCount = Number(values.chunks);
const created = 1767225600;
const usage = { prompt_tokens: 27, completion_tokens: chunkCount, total_tokens: 27 + chunkCount };

const completion = Buffer.from(JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created, model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'The invoice total is 1,280 USD.' }, logprobs: null, finish_reason: 'stop' }],
  usage,
}));

function sseEvent(payload) {
  return Buffer.from(`data: ${JSON.stringify(payload)}\n\n`);
}

function chunkEvent(index) {
  const delta = index === 0 ? { role: 'assistant', content: 'tok0 ' } : { content: `tok${index} ` };
  const finish = index === chunkCount - 1 ? 'stop' : null;
  return sseEvent({
    id: 'chatcmpl-bench', object: 'chat.completion.chunk', created, model: 'gpt-4o-mini',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
}

const streamEvents = [
  ...Array.from({ length: chunkCount }, (_, i) => chunkEvent(i)),
  sseEvent({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created, model: 'gpt-4o-mini', choices: [], usage }),
  Buffer.from('data: [DONE]\n\n'),
];
const streamMarker = Buffer.from('"stream":true');

function sendCompletion(res) {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': completion.length });
  res.end(completion);
}

function sendStream(res) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let next = 0;
  const writeNext = () => {
    if (res.destroyed) return;
    if (next === streamEvents.length - 1) {
      res.end(streamEvents[next]);
      return;
    }
    res.write(streamEvents[next]);
    next += 1;
    setImmediate(writeNext);
  };
  writeNext();
}

const server = http.createServer((req, res) => {
  const parts = [];
  req.on('data', (part) => parts.push(part));
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"not found","type":"invalid_request_error"}}');
      return;
    }
    const body = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    if (body.indexOf(streamMarker) === -1) sendCompletion(res);
    else sendStream(res);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ listening: server.address().port })}\n`);
});
