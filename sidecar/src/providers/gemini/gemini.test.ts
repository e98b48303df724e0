import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import type { ChatCompletion } from '../../openai/index.js';
import type { Target } from '../adapter.js';
import { runProviderContract } from '../contract.suite.js';
import { geminiAdapter } from './index.js';
import { mintToolCallId, thoughtSignatureOf } from './tool-ids.js';

const target: Target = { provider: 'gemini', baseURL: 'https://generativelanguage.googleapis.com', model: 'gemini-2.5-flash', apiKey: 'AIzaSyTest000000000000000000000000000000' };

runProviderContract({ name: 'gemini', adapter: geminiAdapter, target, fixtures: fileURLToPath(new URL('./fixtures/', import.meta.url)) });

describe('gemini extras', () => {
  const ctx = { requestId: 'req_1', created: 1, model: 'gemini-2.5-flash' };

  it.each([
    ['a signature survives the round trip through a tool-call id', 'EqkDCqYDARFNMg/dHfnR+Sy7Fake/SigA=='],
    ['any opaque text survives too, even if it is not base64', 'not base64: ü/+='],
  ])('%s', (_sentence, signature) => {
    const id = mintToolCallId('resp', 0, undefined, signature);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(thoughtSignatureOf(id)).toBe(signature);
  });

  it('gives parallel function calls distinct ids', () => {
    const body = {
      responseId: 'r1',
      candidates: [{ content: { parts: [{ functionCall: { name: 'f', args: { a: 1 } } }, { functionCall: { name: 'f', args: { a: 2 } } }] }, finishReason: 'STOP' }],
    };
    const ids = (geminiAdapter.fromUpstreamResponse(body, ctx) as ChatCompletion).choices[0]?.message.tool_calls?.map((call) => call.id);
    expect(ids).toEqual(['call_r1_0', 'call_r1_1']);
  });

  it('uses the streaming endpoint with alt=sse for stream requests', () => {
    const upstream = geminiAdapter.toUpstreamRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true }, target);
    expect(upstream.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(upstream.headers['x-goog-api-key']).toBe(target.apiKey);
  });
});
