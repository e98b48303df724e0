import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import Anthropic, { APIError, AuthenticationError, BadRequestError, InternalServerError, OverloadedError, RateLimitError } from '@anthropic-ai/sdk';
import type { MessageParam, RawMessageStreamEvent, Tool } from '@anthropic-ai/sdk/resources/messages';
import { startSimulator, type ErrorKind, type Simulator } from '../../simulators/src/index.js';

const apiKey = 'sk-ant-sim-test';
const model = 'claude-sonnet-4-6';
const weatherTool: Tool = {
  name: 'get_weather',
  description: 'Current weather for a location',
  input_schema: { type: 'object', properties: { location: { type: 'string' }, days: { type: 'integer' } }, required: ['location', 'days'] },
};
const question: MessageParam[] = [{ role: 'user', content: 'What is the weather in Tokyo this week?' }];

let sim: Simulator;
let client: Anthropic;

beforeAll(async () => {
  sim = await startSimulator({ dialect: 'anthropic', apiKey });
  client = new Anthropic({ apiKey, baseURL: sim.url, maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function collect(stream: AsyncIterable<RawMessageStreamEvent>): Promise<RawMessageStreamEvent[]> {
  const events: RawMessageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('anthropic simulator through the official SDK', () => {
  it('answers a message deterministically and records the version header', async () => {
    const message = await client.messages.create({ model, max_tokens: 200, messages: question });
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from anthropic claude-sonnet-4-6: What is the weather in Tokyo this week?' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.id).toMatch(/^msg_01/);
    expect(message.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    expect(sim.requests[0]?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const headers = sim.requests[0]?.headers ?? {};
    expect(headers['x-api-key'] ?? headers['authorization']?.replace(/^Bearer /, '')).toBe(apiKey);
  });

  it('streams the full event sequence and the same message and usage', async () => {
    const whole = await client.messages.create({ model, max_tokens: 200, messages: question });
    const events = await collect(await client.messages.create({ model, max_tokens: 200, messages: question, stream: true }));
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      ...Array(events.length - 5).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const final = await client.messages.stream({ model, max_tokens: 200, messages: question }).finalMessage();
    expect(final.content).toEqual(whole.content);
    expect(final.usage.output_tokens).toBe(whole.usage.output_tokens);
    expect(final.usage.input_tokens).toBe(whole.usage.input_tokens);
  });

  it('completes a tool-use round trip without streaming', async () => {
    const first = await client.messages.create({ model, max_tokens: 200, messages: question, tools: [weatherTool] });
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    expect(first.stop_reason).toBe('tool_use');
    expect(toolUse?.type === 'tool_use' && toolUse.input).toEqual({ location: 'example', days: 1 });
    const second = await client.messages.create({
      model,
      max_tokens: 200,
      tools: [weatherTool],
      messages: [...question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse!.id, content: 'sunny, 24C' }] }],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'Hello from anthropic claude-sonnet-4-6: the tool returned sunny, 24C' }]);
  });

  it('streams tool input as input_json_delta fragments the SDK reassembles', async () => {
    const events = await collect(await client.messages.create({ model, max_tokens: 200, messages: question, tools: [weatherTool], stream: true }));
    const fragments = events.flatMap((event) => (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta' ? [event.delta.partial_json] : []));
    expect(fragments[0]).toBe('');
    expect(fragments.length).toBeGreaterThan(2);
    const final = await client.messages.stream({ model, max_tokens: 200, messages: question, tools: [weatherTool] }).finalMessage();
    expect(final.content.map((block) => block.type)).toEqual(['text', 'tool_use']);
    const toolUse = final.content[1];
    if (toolUse?.type !== 'tool_use') throw new Error('expected a tool_use block');
    expect(toolUse.input).toEqual({ location: 'example', days: 1 });
    const result: MessageParam = { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '24C' }] };
    const next = await client.messages.stream({ model, max_tokens: 200, tools: [weatherTool], messages: [...question, { role: 'assistant', content: final.content }, result] }).finalMessage();
    expect(next.content[0]?.type === 'text' && next.content[0].text).toContain('the tool returned 24C');
  });

  it('answers structured output with JSON matching the schema', async () => {
    const message = await client.messages.create({
      model,
      max_tokens: 200,
      messages: question,
      output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { city: { type: 'string' }, sunny: { type: 'boolean' } }, required: ['city', 'sunny'], additionalProperties: false } } },
    });
    const text = message.content[0]?.type === 'text' ? message.content[0].text : '';
    expect(JSON.parse(text)).toEqual({ city: 'example', sunny: true });
  });

  it('bills a cache_control prefix as a cache write first and a cache read after', async () => {
    const system = [{ type: 'text' as const, text: 'policy '.repeat(800), cache_control: { type: 'ephemeral' as const } }];
    const first = await client.messages.create({ model, max_tokens: 50, system, messages: question });
    const second = await client.messages.create({ model, max_tokens: 50, system, messages: question });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(1024);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.input_tokens).toBe(first.usage.input_tokens);
  });

  it('stops at max_tokens with the truncated text', async () => {
    const message = await client.messages.create({ model, max_tokens: 3, messages: question });
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage.output_tokens).toBe(3);
  });

  it('counts tokens and lists models', async () => {
    const counted = await client.messages.countTokens({ model, messages: question });
    const message = await client.messages.create({ model, max_tokens: 50, messages: question });
    expect(counted.input_tokens).toBe(message.usage.input_tokens);
    const ids: string[] = [];
    for await (const listed of client.models.list()) ids.push(listed.id);
    expect(ids).toEqual(['claude-sonnet-4-6', 'claude-haiku-4-5']);
  });

  it('rejects a wrong key with an AuthenticationError in the Anthropic envelope', async () => {
    const stranger = new Anthropic({ apiKey: 'wrong', baseURL: sim.url, maxRetries: 0 });
    const error = await stranger.messages.create({ model, max_tokens: 10, messages: question }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as APIError).error).toMatchObject({ type: 'error', error: { type: 'authentication_error' }, request_id: expect.stringMatching(/^req_/) });
  });

  it.each<{ name: string; kind: ErrorKind; status: number; type: new (...args: never[]) => APIError; errorType: string }>([
    { name: 'a rate limit is a 429 rate_limit_error with retry-after', kind: 'rate_limit', status: 429, type: RateLimitError, errorType: 'rate_limit_error' },
    { name: 'an overload is a 529 overloaded_error', kind: 'overloaded', status: 529, type: OverloadedError, errorType: 'overloaded_error' },
    { name: 'a server fault is a 500 api_error', kind: 'server', status: 500, type: InternalServerError, errorType: 'api_error' },
    { name: 'a bad request is a 400 invalid_request_error', kind: 'bad_request', status: 400, type: BadRequestError, errorType: 'invalid_request_error' },
    { name: 'a context overflow is a 400 prompt-too-long', kind: 'context_length', status: 400, type: BadRequestError, errorType: 'invalid_request_error' },
    { name: 'an empty credit balance is a 400 invalid_request_error', kind: 'quota', status: 400, type: BadRequestError, errorType: 'invalid_request_error' },
  ])('$name', async ({ kind, status, type, errorType }) => {
    sim.script({ errorKind: kind });
    const error = await client.messages.create({ model, max_tokens: 10, messages: question }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as APIError).status).toBe(status);
    expect((error as APIError).type).toBe(errorType);
    if (kind === 'rate_limit') expect((error as APIError).headers?.get('retry-after')).toBe('1');
  });

  it('surfaces an in-stream error event as an overloaded APIError', async () => {
    sim.script({ streamErrorAfterChunks: 4 });
    const error = await collect(await client.messages.create({ model, max_tokens: 200, messages: question, stream: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).type).toBe('overloaded_error');
  });

  it('surfaces a socket reset mid-stream as an SDK error', async () => {
    sim.script({ resetAfterChunks: 3 });
    const stream = client.messages.stream({ model, max_tokens: 200, messages: question });
    await expect(stream.finalMessage()).rejects.toThrow();
  });
});
