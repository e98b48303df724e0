// The official OpenAI SDK, pointed at the sidecar, against every simulator dialect: what an app
// sees is OpenAI whatever answers behind the sidecar.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { silentLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import { PROVIDERS, startFleet, type Fleet } from './fleet.js';

const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const question: ChatCompletionMessageParam[] = [{ role: 'user', content: 'What is the weather in Paris right now, please?' }];

let fleet: Fleet;
let sidecar: StandaloneSidecar;
let client: OpenAI;

beforeAll(async () => {
  fleet = await startFleet();
  sidecar = await startSidecar({ files: [fleet.dir], port: 0, log: silentLogger });
  client = new OpenAI({ baseURL: `${sidecar.url}/v1`, apiKey: 'client-key-never-forwarded', maxRetries: 0 });
});
afterAll(async () => {
  await sidecar.close();
  await fleet.close();
});
beforeEach(() => fleet.resetAll());

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function streamedText(chunks: readonly ChatCompletionChunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
}

const rows = PROVIDERS.map((spec) => ({ name: `${spec.name} (${spec.provider}${spec.flavor ? `/${spec.flavor}` : ''})`, model: `chat-${spec.name}`, spec }));

describe.each(rows)('through the sidecar to $name', ({ model, spec }) => {
  it('completes a chat', async () => {
    const completion = await client.chat.completions.create({ model, messages: question });
    expect(completion.choices[0]?.message.content).toMatch(/^Hello from .*: What is the weather in Paris/);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    expect(fleet.sim(spec.name).requests).toHaveLength(1);
  });

  it('streams the same text, with usage last when asked for', async () => {
    const whole = await client.chat.completions.create({ model, messages: question });
    const chunks = await collect(await client.chat.completions.create({ model, messages: question, stream: true, stream_options: { include_usage: true } }));
    expect(streamedText(chunks)).toBe(whole.choices[0]?.message.content);
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(whole.usage?.total_tokens);
  });

  it('streams without a usage chunk when not asked for', async () => {
    const chunks = await collect(await client.chat.completions.create({ model, messages: question, stream: true }));
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toBe(true);
  });

  it('completes a tool-call round trip', async () => {
    const first = await client.chat.completions.create({ model, messages: question, tools: [weatherTool] });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' ? call.function.name : undefined).toBe('get_weather');
    const messages: ChatCompletionMessageParam[] = [
      ...question,
      { role: 'assistant', content: null, tool_calls: first.choices[0]?.message.tool_calls ?? [] },
      { role: 'tool', tool_call_id: call?.id ?? '', content: 'sunny, 21 degrees' },
    ];
    const second = await client.chat.completions.create({ model, messages, tools: [weatherTool] });
    expect(second.choices[0]?.message.content).toContain('sunny, 21 degrees');
  });

  it('streams a tool call the SDK reassembles', async () => {
    const chunks = await collect(await client.chat.completions.create({ model, messages: question, tools: [weatherTool], stream: true }));
    const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]?.function?.name).toBe('get_weather');
    expect(JSON.parse(deltas.map((delta) => delta.function?.arguments ?? '').join(''))).toEqual({ city: 'example' });
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'tool_calls')).toBe(true);
  });

  it(spec.noJsonSchema === true ? 'refuses a JSON-schema request it cannot honour, naming the need' : 'answers a JSON-schema request with an object of that schema', async () => {
    const asked = client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Give me a city and its population.' }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'city', strict: true, schema: { type: 'object', properties: { city: { type: 'string' }, population: { type: 'number' } }, required: ['city', 'population'], additionalProperties: false } },
      },
    });
    if (spec.noJsonSchema === true) {
      await expect(asked).rejects.toMatchObject({ status: 400, code: 'unsupported', message: expect.stringContaining('jsonSchema') });
      expect(fleet.sim(spec.name).requests).toHaveLength(0);
      return;
    }
    expect(JSON.parse((await asked).choices[0]?.message.content ?? '')).toEqual({ city: 'example', population: 1 });
  });
});

describe('embeddings and models through the SDK', () => {
  it.each(PROVIDERS.filter((spec) => spec.embeddingModel !== undefined).map((spec) => ({ name: `${spec.name} embeds text`, spec })))('$name', async ({ spec }) => {
    const result = await client.embeddings.create({ model: `embed-${spec.name}`, input: ['first text', 'second text'] });
    expect(result.data).toHaveLength(2);
    expect(result.data[0]?.embedding.length).toBeGreaterThan(0);
    expect(result.data[1]?.index).toBe(1);
  });

  it('lists every alias the config serves', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual([...PROVIDERS.map((spec) => `chat-${spec.name}`), 'chat-failover', 'chat-wrong-key', 'embed-gemini', 'embed-openai'].sort());
  });
});
