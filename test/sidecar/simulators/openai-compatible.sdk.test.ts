import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import OpenAI, { AuthenticationError, AzureOpenAI, RateLimitError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { startSimulator, type OpenAIFlavor, type Simulator } from '../../simulators/src/index.js';

const apiKey = 'sim-compatible-key';
const searchTool: ChatCompletionTool = {
  type: 'function',
  function: { name: 'search', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } },
};
const question: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Find the latest release notes' }];

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ dialect: 'openai', apiKey });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** Accumulates streamed tool calls the tolerant way a translator must (Mistral sends no index). */
function streamedCall(chunks: ChatCompletionChunk[]): { id: string; name: string; arguments: string } {
  const call = { id: '', name: '', arguments: '' };
  for (const chunk of chunks) {
    for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
      if (delta.id) call.id = delta.id;
      if (delta.function?.name) call.name = delta.function.name;
      call.arguments += delta.function?.arguments ?? '';
    }
  }
  return call;
}

function field(chunk: ChatCompletionChunk | undefined, name: string): unknown {
  return (chunk?.choices[0]?.delta as Record<string, unknown> | undefined)?.[name];
}

describe('Azure OpenAI through the AzureOpenAI client', () => {
  const deployment = 'chat-deployment';
  const azure = (key: string): AzureOpenAI => new AzureOpenAI({ apiKey: key, endpoint: sim.url, apiVersion: '2024-10-21', deployment, maxRetries: 0 });

  it('answers on the deployment path with the api-key header', async () => {
    const completion = await azure(apiKey).chat.completions.create({ model: 'ignored', messages: question });
    expect(completion.choices[0]?.message.content).toBe(`Hello from azure ${deployment}: Find the latest release notes`);
    expect(sim.requests[0]).toMatchObject({ path: `/openai/deployments/${deployment}/chat/completions`, query: { 'api-version': '2024-10-21' }, flavor: 'azure' });
    expect(sim.requests[0]?.headers['api-key']).toBe(apiKey);
    expect((completion as unknown as { prompt_filter_results: unknown[] }).prompt_filter_results).toHaveLength(1);
  });

  it('streams behind a leading filter-only chunk and ends with usage', async () => {
    const chunks = await collect(await azure(apiKey).chat.completions.create({ model: 'ignored', messages: question, stream: true, stream_options: { include_usage: true } }));
    expect(chunks[0]).toMatchObject({ id: '', choices: [], prompt_filter_results: expect.any(Array) });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(`Hello from azure ${deployment}: Find the latest release notes`);
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams a tool call that the stream helper accumulates', async () => {
    const final = await azure(apiKey).chat.completions.stream({ model: 'ignored', messages: question, tools: [searchTool] }).finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ query: 'example' });
  });

  it('embeds on the deployment path', async () => {
    const result = await azure(apiKey).embeddings.create({ model: 'ignored', input: 'hello' });
    expect(result.data[0]?.embedding).toHaveLength(1536);
    expect(sim.requests[0]?.path).toBe(`/openai/deployments/${deployment}/embeddings`);
  });

  it('rejects a wrong api-key with an AuthenticationError', async () => {
    await expect(azure('wrong').chat.completions.create({ model: 'ignored', messages: question })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('throttles with retry-after and retry-after-ms headers', async () => {
    sim.script({ errorKind: 'rate_limit' });
    const error = await azure(apiKey).chat.completions.create({ model: 'ignored', messages: question }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers?.get('retry-after-ms')).toBe('1000');
  });
});

describe.each<{ flavor: OpenAIFlavor; reasoningField?: string }>([
  { flavor: 'deepseek', reasoningField: 'reasoning_content' },
  { flavor: 'mistral' },
  { flavor: 'qwen' },
  { flavor: 'ollama', reasoningField: 'reasoning' },
  { flavor: 'groq' },
])('the $flavor flavor through the openai SDK', ({ flavor, reasoningField }) => {
  const client = (): OpenAI => new OpenAI({ apiKey, baseURL: `${sim.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-sim-flavor': flavor } });

  it('streams the same text and token total as the non-streamed answer', async () => {
    const whole = await client().chat.completions.create({ model: 'compat-model', messages: question });
    const chunks = await collect(await client().chat.completions.create({ model: 'compat-model', messages: question, stream: true, stream_options: { include_usage: true } }));
    expect(whole.choices[0]?.message.content).toBe(`Hello from ${flavor} compat-model: Find the latest release notes`);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(whole.choices[0]?.message.content);
    const usage = chunks.findLast((chunk) => chunk.usage)?.usage;
    expect(usage?.total_tokens).toBe(whole.usage?.total_tokens);
    if (reasoningField !== undefined) expect(chunks.some((chunk) => typeof field(chunk, reasoningField) === 'string' && field(chunk, reasoningField) !== '')).toBe(true);
  });

  it('streams a tool call equal to the non-streamed one', async () => {
    const whole = await client().chat.completions.create({ model: 'compat-model', messages: question, tools: [searchTool] });
    const chunks = await collect(await client().chat.completions.create({ model: 'compat-model', messages: question, tools: [searchTool], stream: true }));
    const call = whole.choices[0]?.message.tool_calls?.[0];
    const streamed = streamedCall(chunks);
    expect(call?.type === 'function' && call.function.name).toBe('search');
    expect(streamed.name).toBe('search');
    expect(JSON.parse(streamed.arguments)).toEqual({ query: 'example' });
    expect(chunks.findLast((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason).toBe('tool_calls');
  });
});

describe('flavor selection', () => {
  it('takes the flavor from the DashScope and Groq path prefixes', async () => {
    const qwen = new OpenAI({ apiKey, baseURL: `${sim.url}/compatible-mode/v1`, maxRetries: 0 });
    const groq = new OpenAI({ apiKey, baseURL: `${sim.url}/openai/v1`, maxRetries: 0 });
    expect((await qwen.chat.completions.create({ model: 'qwen3-max', messages: question })).id).toMatch(/^chatcmpl-[0-9a-f-]{36}$/);
    expect((await groq.chat.completions.create({ model: 'llama', messages: question })).choices[0]?.message.content).toContain('Hello from groq');
  });

  it('uses the server default flavor when the request names none', async () => {
    const deepseek = await startSimulator({ dialect: 'openai', flavor: 'deepseek' });
    try {
      const client = new OpenAI({ apiKey: 'anything', baseURL: deepseek.url, maxRetries: 0 });
      const completion = await client.chat.completions.create({ model: 'deepseek-chat', messages: question });
      expect(completion.choices[0]?.message.content).toContain('Hello from deepseek');
      expect(deepseek.requests[0]?.path).toBe('/chat/completions');
    } finally {
      await deepseek.close();
    }
  });
});
