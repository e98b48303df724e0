// Whatever a client sends, it gets a clear OpenAI error, the server keeps serving, and no
// credential ever appears in what comes back.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import { plantedKey, PROVIDERS, startFleet, type Fleet } from './fleet.js';
import { errorOf, postJson, send, sendRaw, type RawResponse } from './http-client.js';

let fleet: Fleet;
let sidecar: StandaloneSidecar;
const logLines: string[] = [];
const seen: RawResponse[] = [];
const message = [{ role: 'user', content: 'hello' }];

beforeAll(async () => {
  fleet = await startFleet();
  sidecar = await startSidecar({ files: [fleet.dir], port: 0, log: createLogger((line) => logLines.push(line)) });
});
afterAll(async () => {
  await sidecar.close();
  await fleet.close();
});
beforeEach(() => fleet.resetAll());

async function observed(response: Promise<RawResponse>): Promise<RawResponse> {
  const result = await response;
  seen.push(result);
  return result;
}

const chatURL = (): string => `${sidecar.url}/v1/chat/completions`;

describe('bad input gets an OpenAI error and the server keeps serving', () => {
  it.each([
    { name: 'malformed JSON is invalid_json', call: () => send(chatURL(), { body: '{"model": "chat-openai", "messages": [' }), status: 400, code: 'invalid_json', param: null },
    { name: 'a body that is not an object is refused', call: () => send(chatURL(), { body: '[1, 2, 3]' }), status: 400, code: 'invalid_request', param: null },
    { name: 'messages of the wrong type name the field', call: () => postJson(chatURL(), { model: 'chat-openai', messages: 'hello' }), status: 400, code: 'invalid_request', param: 'messages' },
    { name: 'empty messages are refused', call: () => postJson(chatURL(), { model: 'chat-openai', messages: [] }), status: 400, code: 'invalid_request', param: 'messages' },
    { name: 'a temperature that is a string names the field', call: () => postJson(chatURL(), { model: 'chat-openai', messages: message, temperature: 'hot' }), status: 400, code: 'invalid_request', param: 'temperature' },
    { name: 'a missing model is refused', call: () => postJson(chatURL(), { messages: message }), status: 400, code: 'invalid_request', param: 'model' },
    { name: 'an unknown model is model_not_found', call: () => postJson(chatURL(), { model: 'no-such-model', messages: message }), status: 404, code: 'model_not_found', param: 'model' },
    { name: 'an oversize body is body_too_large', call: () => postJson(chatURL(), { model: 'chat-openai', messages: [{ role: 'user', content: 'x'.repeat(5 * 1024 * 1024) }] }), status: 413, code: 'body_too_large', param: null },
    { name: 'an unknown path is not_found', call: () => send(`${sidecar.url}/v1/completions`, { body: '{}' }), status: 404, code: 'not_found', param: null },
    { name: 'a wrong method is method_not_allowed', call: () => send(chatURL()), status: 405, code: 'method_not_allowed', param: null },
    { name: 'embeddings without input name the field', call: () => postJson(`${sidecar.url}/v1/embeddings`, { model: 'embed-openai' }), status: 400, code: 'invalid_request', param: 'input' },
    { name: 'embeddings on a chat-only model are unsupported', call: () => postJson(`${sidecar.url}/v1/embeddings`, { model: 'chat-anthropic', input: 'hi' }), status: 400, code: 'unsupported', param: null },
    { name: 'oversize headers are headers_too_large', call: () => sendRaw(chatURL(), { 'x-padding': 'p'.repeat(20 * 1024) }, '{}'), status: 431, code: 'headers_too_large', param: null },
  ])('$name', async ({ call, status, code, param }) => {
    const response = await observed(call());
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(errorOf(response)).toEqual({ message: expect.any(String), type: 'invalid_request_error', param, code });
    expect((await send(`${sidecar.url}/healthz`)).status).toBe(200);
  });

  it('no upstream saw any of those requests', () => {
    expect(PROVIDERS.flatMap((spec) => fleet.sim(spec.name).requests)).toEqual([]);
  });
});

describe('credentials stay inside the sidecar', () => {
  it('a provider refusing the key yields a fixed message, not the provider echo of the key', async () => {
    const response = await observed(postJson(chatURL(), { model: 'chat-wrong-key', messages: message }));
    expect(response.status).toBe(502);
    expect(errorOf(response)).toMatchObject({ code: 'upstream_auth', type: 'server_error' });
    expect(fleet.sim('openai').requests[0]?.headers['authorization']).toBe(`Bearer ${plantedKey('wrong')}`);
  });

  it('a provider error at the request’s fault is relayed with its message', async () => {
    fleet.sim('anthropic').script({ errorKind: 'bad_request' });
    const response = await observed(postJson(chatURL(), { model: 'chat-anthropic', messages: message }));
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'upstream_bad_request', message: expect.not.stringContaining('Upstream provider returned') });
  });

  it('the client’s Authorization and x-forwarded-* headers never reach a provider', async () => {
    for (const spec of PROVIDERS) {
      await postJson(chatURL(), { model: `chat-${spec.name}`, messages: message }, { authorization: 'Bearer client-token-9c8b7a', 'x-forwarded-for': '10.1.2.3', 'x-forwarded-host': 'evil.example' });
      const received = fleet.sim(spec.name).requests.at(-1);
      expect(received).toBeDefined();
      const headerText = JSON.stringify(received?.headers);
      expect(headerText).not.toContain('client-token-9c8b7a');
      expect(headerText).not.toContain('x-forwarded');
    }
  });

  it('no planted key appears in any response body or header, or in the logs', () => {
    expect(seen.length).toBeGreaterThan(10);
    const everything = [...seen.map((response) => JSON.stringify(response)), ...logLines].join('\n');
    for (const name of [...PROVIDERS.map((spec) => spec.name), 'wrong']) {
      expect(everything).not.toContain(plantedKey(name));
      expect(everything).not.toContain(plantedKey(name).slice(0, 16));
    }
  });
});

describe('request ids', () => {
  it('echoes a sane client request id and sends it upstream', async () => {
    const response = await postJson(chatURL(), { model: 'chat-openai', messages: message }, { 'x-request-id': 'trace-42.abc' });
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('trace-42.abc');
    expect(fleet.sim('openai').requests[0]?.headers['x-request-id']).toBe('trace-42.abc');
  });

  it.each([
    { name: 'replaces an id with spaces', id: 'not a sane id' },
    { name: 'replaces an id that is too long', id: 'a'.repeat(200) },
  ])('$name', async ({ id }) => {
    const response = await postJson(chatURL(), { model: 'chat-openai', messages: message }, { 'x-request-id': id });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('marks a served response with how it was served', async () => {
    const response = await postJson(chatURL(), { model: 'chat-gemini', messages: message });
    expect(response.headers).toMatchObject({
      'x-switchyard-provider': 'gemini', 'x-switchyard-model': 'gemini-2.0-flash', 'x-switchyard-route': 'chat-gemini', 'x-switchyard-target': 'gemini',
    });
  });
});
