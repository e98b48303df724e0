import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import OpenAI, { APIError, AuthenticationError, BadRequestError, InternalServerError, RateLimitError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { startSimulator, type ErrorKind, type Simulator } from '../../simulators/src/index.js';

const apiKey = 'sk-sim-openai-test';
const model = 'gpt-4o-mini';
const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city', 'unit'] },
  },
};
const question: ChatCompletionMessageParam[] = [{ role: 'user', content: 'What is the weather in Paris right now, please?' }];

let sim: Simulator;
let client: OpenAI;

beforeAll(async () => {
  sim = await startSimulator({ dialect: 'openai', apiKey });
  client = new OpenAI({ apiKey, baseURL: `${sim.url}/v1`, maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('openai simulator through the official SDK', () => {
  it('answers a chat deterministically and records what it received', async () => {
    const completion = await client.chat.completions.create({ model, messages: question });
    expect(completion.choices[0]?.message.content).toBe('Hello from openai gpt-4o-mini: What is the weather in Paris right now,');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBe((completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0));
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', model, stream: false });
    expect(sim.requests[0]?.headers['authorization']).toBe(`Bearer ${apiKey}`);
  });

  it('streams the same text and usage as the non-streamed answer', async () => {
    const whole = await client.chat.completions.create({ model, messages: question });
    const chunks = await collect(await client.chat.completions.create({ model, messages: question, stream: true, stream_options: { include_usage: true } }));
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe(whole.choices[0]?.message.content);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toEqual(whole.usage);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('completes a tool-call round trip without streaming', async () => {
    const first = await client.chat.completions.create({ model, messages: question, tools: [weatherTool] });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'example', unit: 'celsius' });
    const second = await client.chat.completions.create({
      model,
      tools: [weatherTool],
      messages: [...question, first.choices[0]!.message, { role: 'tool', tool_call_id: call!.id, content: '{"temperature":21}' }],
    });
    expect(second.choices[0]?.message.content).toBe('Hello from openai gpt-4o-mini: the tool returned {"temperature":21}');
  });

  it('streams a tool call in OpenAI delta shape that the stream helper accumulates', async () => {
    const stream = client.chat.completions.stream({ model, messages: question, tools: [weatherTool], stream_options: { include_usage: true } });
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'example', unit: 'celsius' });
    const raw = await collect(await client.chat.completions.create({ model, messages: question, tools: [weatherTool], stream: true }));
    const firstDelta = raw[0]?.choices[0]?.delta.tool_calls?.[0];
    expect(firstDelta).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather', arguments: '' } });
    expect(raw[1]?.choices[0]?.delta.tool_calls?.[0]).toEqual({ index: 0, function: { arguments: expect.any(String) } });
    const followUp = client.chat.completions.stream({
      model,
      tools: [weatherTool],
      messages: [...question, final.choices[0]!.message, { role: 'tool', tool_call_id: call!.id, content: 'sunny' }],
    });
    expect((await followUp.finalChatCompletion()).choices[0]?.message.content).toContain('the tool returned sunny');
  });

  it('answers a json_schema response format with JSON matching the schema', async () => {
    const completion = await client.chat.completions.create({
      model,
      messages: question,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'city', strict: true, schema: { type: 'object', properties: { name: { type: 'string' }, population: { type: 'integer' } }, required: ['name', 'population'], additionalProperties: false } },
      },
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({ name: 'example', population: 1 });
  });

  it('embeds deterministically in both float and base64 encodings', async () => {
    const base64 = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['alpha', 'beta', 'alpha'] });
    const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['alpha', 'beta', 'alpha'], encoding_format: 'float', dimensions: 1536 });
    const [a, b, again] = base64.data.map((item) => item.embedding);
    expect(a).toHaveLength(1536);
    expect(again).toEqual(a);
    expect(b).not.toEqual(a);
    expect(floats.data[0]?.embedding).toEqual(a);
    expect(Math.hypot(...(a ?? []))).toBeCloseTo(1, 5);
    expect(base64.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('lists models', async () => {
    const ids: string[] = [];
    for await (const listed of client.models.list()) ids.push(listed.id);
    expect(ids).toEqual(['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small']);
  });

  it('rejects a wrong key with the SDK authentication error', async () => {
    const stranger = new OpenAI({ apiKey: 'sk-wrong-key-0000', baseURL: `${sim.url}/v1`, maxRetries: 0 });
    const error = await stranger.chat.completions.create({ model, messages: question }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).toBe('invalid_api_key');
    expect(sim.requests).toHaveLength(1);
  });

  it.each<{ name: string; kind: ErrorKind; status: number; type: new (...args: never[]) => APIError; code: string | null }>([
    { name: 'a rate limit is a RateLimitError with a retry-after header', kind: 'rate_limit', status: 429, type: RateLimitError, code: 'rate_limit_exceeded' },
    { name: 'an exhausted quota is a 429 insufficient_quota', kind: 'quota', status: 429, type: RateLimitError, code: 'insufficient_quota' },
    { name: 'an overload is a 503 InternalServerError', kind: 'overloaded', status: 503, type: InternalServerError, code: null },
    { name: 'a server fault is a 500 InternalServerError', kind: 'server', status: 500, type: InternalServerError, code: null },
    { name: 'a bad request is a 400 BadRequestError', kind: 'bad_request', status: 400, type: BadRequestError, code: 'unsupported_parameter' },
    { name: 'a context overflow is a 400 context_length_exceeded', kind: 'context_length', status: 400, type: BadRequestError, code: 'context_length_exceeded' },
  ])('$name', async ({ kind, status, type, code }) => {
    sim.script({ errorKind: kind });
    const error = await client.chat.completions.create({ model, messages: question }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as APIError).status).toBe(status);
    expect((error as APIError).code ?? null).toBe(code);
    if (kind === 'rate_limit') expect((error as APIError).headers?.get('retry-after')).toBe('1');
  });

  it('lets a script override the retry-after header and then answers normally', async () => {
    sim.script({ status: 429, headers: { 'Retry-After': '7', 'retry-after-ms': '7000' } });
    const error = await client.chat.completions.create({ model, messages: question }).catch((e: unknown) => e);
    expect((error as RateLimitError).headers?.get('retry-after')).toBe('7');
    expect((error as RateLimitError).headers?.get('retry-after-ms')).toBe('7000');
    await expect(client.chat.completions.create({ model, messages: question })).resolves.toBeDefined();
  });

  it('surfaces a socket reset mid-stream as an SDK error', async () => {
    sim.script({ resetAfterChunks: 2 });
    const stream = await client.chat.completions.create({ model, messages: question, stream: true });
    const seen: ChatCompletionChunk[] = [];
    const failure = (async () => {
      for await (const chunk of stream) seen.push(chunk);
    })();
    await expect(failure).rejects.toThrow();
    expect(seen).toHaveLength(2);
  });

  it('surfaces an in-stream error event as an APIError', async () => {
    sim.script({ streamErrorAfterChunks: 3, errorKind: 'overloaded' });
    const stream = await client.chat.completions.create({ model, messages: question, stream: true });
    const failure = collect(stream);
    await expect(failure).rejects.toBeInstanceOf(APIError);
    await expect(failure).rejects.toThrow('overloaded');
  });
});
