import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulator, type Dialect, type Simulator } from '../../simulators/src/index.js';

// Byte-level quirks the SDKs tolerate but a translator must too: framing, spacing, key order.

const simulators = new Map<Dialect, Simulator>();

beforeAll(async () => {
  for (const dialect of ['openai', 'anthropic', 'gemini'] as const) simulators.set(dialect, await startSimulator({ dialect }));
});
afterAll(async () => {
  for (const sim of simulators.values()) await sim.close();
});

function url(dialect: Dialect, path: string): string {
  return `${simulators.get(dialect)?.url}${path}`;
}

async function post(dialect: Dialect, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url(dialect, path), { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
}

const chatBody = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello wire' }] };
const anthropicHeaders = { 'anthropic-version': '2023-06-01', 'x-api-key': 'any' };
const messagesBody = { model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hello wire' }] };
const geminiBody = { contents: [{ role: 'user', parts: [{ text: 'hello wire protocol with several words here' }] }] };

describe('wire format', () => {
  it.each<{ name: string; send: () => Promise<Response>; check: (text: string, response: Response) => void }>([
    {
      name: 'OpenAI pretty-prints a completion with a trailing newline',
      send: () => post('openai', '/v1/chat/completions', chatBody),
      check: (text) => expect(text).toMatch(/^\{\n {2}"id": "chatcmpl-[A-Za-z0-9]{29}",\n[\s\S]*\}\n$/),
    },
    {
      name: 'OpenAI streams bare data lines ending with [DONE]',
      send: () => post('openai', '/v1/chat/completions', { ...chatBody, stream: true }),
      check: (text) => {
        expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
        expect(text).not.toContain('event:');
        expect(text).not.toContain('"usage"');
      },
    },
    {
      name: 'Azure streams a filter-only first chunk with sorted keys',
      send: () => post('openai', '/openai/deployments/dep/chat/completions?api-version=2024-10-21', { ...chatBody, stream: true }),
      check: (text) => {
        expect(text.startsWith('data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,')).toBe(true);
        expect(text).toContain('"content_filter_results":{},"delta":{"content":"","refusal":null,"role":"assistant"}');
      },
    },
    {
      name: 'Mistral puts usage on the last chunk without being asked',
      send: () => post('openai', '/v1/chat/completions', { ...chatBody, stream: true }, { 'x-sim-flavor': 'mistral' }),
      check: (text) => expect(text).toMatch(/"finish_reason":"stop"\}\],"usage":\{"prompt_tokens":\d+,"total_tokens":\d+,"completion_tokens":\d+\}\}\n\ndata: \[DONE\]\n\n$/),
    },
    {
      name: 'an in-stream failure on the openai dialect is a Groq-style error event without [DONE]',
      send: async () => {
        simulators.get('openai')?.script({ streamErrorAfterChunks: 2, errorKind: 'rate_limit' });
        return post('openai', '/v1/chat/completions', { ...chatBody, stream: true });
      },
      check: (text) => {
        expect(text).toMatch(/event: error\ndata: \{"error":\{"message":"Rate limit reached[^\n]*"status_code":429\}\}\n\n$/);
        expect(text).not.toContain('[DONE]');
      },
    },
    {
      name: 'Anthropic pairs event and data lines, pads JSON and writes ping with a space',
      send: () => post('anthropic', '/v1/messages', { ...messagesBody, stream: true }, anthropicHeaders),
      check: (text) => {
        expect(text.startsWith('event: message_start\ndata: {"type":"message_start","message":{"model":"claude-haiku-4-5",')).toBe(true);
        expect(text).toContain('event: ping\ndata: {"type": "ping"}\n\n');
        expect(text).toMatch(/\}\s+\}\n\n/);
        expect(text.endsWith('\n\n')).toBe(true);
      },
    },
    {
      name: 'Anthropic accepts the x-api-key header and sends compact JSON with model first',
      send: () => post('anthropic', '/v1/messages', messagesBody, anthropicHeaders),
      check: (text) => expect(text.startsWith('{"model":"claude-haiku-4-5","id":"msg_01')).toBe(true),
    },
    {
      name: 'Anthropic requires the anthropic-version header',
      send: () => post('anthropic', '/v1/messages', messagesBody, { 'x-api-key': 'any' }),
      check: (text, response) => {
        expect(response.status).toBe(400);
        expect(JSON.parse(text)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } });
      },
    },
    {
      name: 'Gemini SSE separates data lines with CRLF CRLF, spaces after colons only, and has no [DONE]',
      send: () => post('gemini', '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', geminiBody),
      check: (text) => {
        const frames = text.split('\r\n\r\n');
        expect(frames.at(-1)).toBe('');
        expect(frames.length).toBeGreaterThan(2);
        expect(frames[0]).toMatch(/^data: \{"candidates": \[\{"content": \{"parts": \[\{"text": "[^"]*"\}\],"role": "model"\},"index": 0\}\],"usageMetadata": /);
        expect(text).not.toContain('[DONE]');
      },
    },
    {
      name: 'Gemini without alt=sse streams one pretty-printed JSON array',
      send: () => post('gemini', '/v1beta/models/gemini-2.5-flash:streamGenerateContent', geminiBody),
      check: (text, response) => {
        expect(response.headers.get('content-type')).toContain('application/json');
        expect(text.startsWith('[{\n  "candidates": [')).toBe(true);
        expect(text).toContain('}\n,\r\n{\n');
        expect(text.endsWith('}\n]')).toBe(true);
        expect((JSON.parse(text) as unknown[]).length).toBeGreaterThan(1);
      },
    },
  ])('$name', async ({ send, check }) => {
    const response = await send();
    check(await response.text(), response);
  });
});
