import { describe, expect, it } from '@jest/globals';
import { parseJsonBody } from './parse.js';
import { validateChatRequest } from './validate-chat.js';

const user = { role: 'user', content: 'hi' };
const valid = { model: 'chat-default', messages: [user] };
const withCall = {
  role: 'assistant',
  content: null,
  tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
};

describe('validateChatRequest', () => {
  it.each([
    ['a minimal request', valid],
    ['system, developer, user, assistant and tool messages', { ...valid, messages: [{ role: 'system', content: 's' }, { role: 'developer', content: [{ type: 'text', text: 'd' }] }, user, withCall, { role: 'tool', tool_call_id: 'call_1', content: 'r' }] }],
    ['image and audio parts', { ...valid, messages: [{ role: 'user', content: [{ type: 'text', text: 'see' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AA', detail: 'high' } }, { type: 'input_audio', input_audio: { data: 'AA', format: 'wav' } }] }] }],
    ['an assistant refusal part', { ...valid, messages: [user, { role: 'assistant', content: [{ type: 'refusal', refusal: 'no' }] }, user] }],
    ['tools, tool_choice and json_schema', { ...valid, tools: [{ type: 'function', function: { name: 'get-weather_2', parameters: { type: 'object' }, strict: true } }], tool_choice: { type: 'function', function: { name: 'get-weather_2' } }, parallel_tool_calls: false, response_format: { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object' }, strict: true } } }],
    ['sampling fields at their bounds and nulls', { ...valid, temperature: 2, top_p: 0, max_tokens: 1, max_completion_tokens: null, n: 128, seed: -3, stop: ['a', 'b'], user: 'u', presence_penalty: -2 }],
    ['streaming with include_usage', { ...valid, stream: true, stream_options: { include_usage: true } }],
    ['unknown fields (kept for pass-through)', { ...valid, logit_bias: { '1': 2 }, service_tier: 'flex', metadata: { a: 'b' } }],
  ])('accepts %s', (_sentence, body) => {
    const result = validateChatRequest(body);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toBe(body);
  });

  it.each([
    ['a body that is not an object', [], undefined],
    ['a missing model', { messages: [user] }, 'model'],
    ['an empty model', { model: '', messages: [user] }, 'model'],
    ['missing messages', { model: 'm' }, 'messages'],
    ['messages that are not an array', { model: 'm', messages: 'hi' }, 'messages'],
    ['empty messages', { model: 'm', messages: [] }, 'messages'],
    ['a message that is not an object', { model: 'm', messages: ['hi'] }, 'messages[0]'],
    ['a missing role', { model: 'm', messages: [{ content: 'hi' }] }, 'messages[0].role'],
    ['an unknown role', { model: 'm', messages: [{ role: 'bot', content: 'hi' }] }, 'messages[0].role'],
    ['the retired function role', { model: 'm', messages: [{ role: 'function', name: 'f', content: 'x' }] }, 'messages[0].role'],
    ['user content of the wrong type', { model: 'm', messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
    ['missing user content', { model: 'm', messages: [{ role: 'user' }] }, 'messages[0].content'],
    ['an empty content-part array', { model: 'm', messages: [{ role: 'user', content: [] }] }, 'messages[0].content'],
    ['an unknown content part', { model: 'm', messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }] }, 'messages[0].content[0].type'],
    ['an image part without a url', { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }, 'messages[0].content[0].image_url.url'],
    ['a bad image detail', { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x', detail: 'max' } }] }] }, 'messages[0].content[0].image_url.detail'],
    ['an image part in a system message', { model: 'm', messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] }, 'messages[0].content[0].type'],
    ['a tool call without arguments', { model: 'm', messages: [user, { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f' } }] }] }, 'messages[1].tool_calls[0].function.arguments'],
    ['a tool message without tool_call_id', { model: 'm', messages: [user, withCall, { role: 'tool', content: 'r' }] }, 'messages[2].tool_call_id'],
    ['a tool message answering no earlier call', { model: 'm', messages: [user, { role: 'tool', tool_call_id: 'call_9', content: 'r' }] }, 'messages[1].tool_call_id'],
    ['a name that is not a string', { model: 'm', messages: [{ role: 'user', content: 'hi', name: 7 }] }, 'messages[0].name'],
    ['a temperature above 2', { ...valid, temperature: 2.5 }, 'temperature'],
    ['a string temperature', { ...valid, temperature: '0.5' }, 'temperature'],
    ['a fractional max_tokens', { ...valid, max_tokens: 10.5 }, 'max_tokens'],
    ['a zero max_completion_tokens', { ...valid, max_completion_tokens: 0 }, 'max_completion_tokens'],
    ['n of zero', { ...valid, n: 0 }, 'n'],
    ['stop with a number in it', { ...valid, stop: ['a', 1] }, 'stop'],
    ['a numeric user', { ...valid, user: 5 }, 'user'],
    ['tools that are not an array', { ...valid, tools: {} }, 'tools'],
    ['a tool of another type', { ...valid, tools: [{ type: 'retrieval' }] }, 'tools[0].type'],
    ['a tool name with spaces', { ...valid, tools: [{ type: 'function', function: { name: 'get weather' } }] }, 'tools[0].function.name'],
    ['tool parameters that are not an object', { ...valid, tools: [{ type: 'function', function: { name: 'f', parameters: 'x' } }] }, 'tools[0].function.parameters'],
    ['an unknown tool_choice string', { ...valid, tool_choice: 'any' }, 'tool_choice'],
    ['a tool_choice without a function name', { ...valid, tool_choice: { type: 'function', function: {} } }, 'tool_choice.function.name'],
    ['a non-boolean parallel_tool_calls', { ...valid, parallel_tool_calls: 'yes' }, 'parallel_tool_calls'],
    ['an unknown response_format type', { ...valid, response_format: { type: 'xml' } }, 'response_format.type'],
    ['json_schema without its schema object', { ...valid, response_format: { type: 'json_schema' } }, 'response_format.json_schema'],
    ['json_schema without a name', { ...valid, response_format: { type: 'json_schema', json_schema: { schema: {} } } }, 'response_format.json_schema.name'],
    ['a non-boolean stream', { ...valid, stream: 'true' }, 'stream'],
    ['stream_options without stream', { ...valid, stream_options: { include_usage: true } }, 'stream_options'],
    ['a non-boolean include_usage', { ...valid, stream: true, stream_options: { include_usage: 1 } }, 'stream_options.include_usage'],
  ])('rejects %s, naming the param', (_sentence, body, param) => {
    const result = validateChatRequest(body);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_request');
      expect(result.error.status).toBe(400);
      expect(result.error.param).toBe(param);
      if (param !== undefined) expect(result.error.message).toContain(param);
    }
  });
});

describe('parseJsonBody', () => {
  it('reports malformed JSON as invalid_json', () => {
    const result = parseJsonBody('{"model": ');
    expect(result.ok ? 'ok' : result.error.code).toBe('invalid_json');
  });

  it('returns the parsed value', () => {
    expect(parseJsonBody('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});
