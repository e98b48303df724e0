import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ApiError, GoogleGenAI, Type, type Content, type FunctionDeclaration, type GenerateContentResponse } from '@google/genai';
import { startSimulator, type ErrorKind, type Simulator } from '../../simulators/src/index.js';

const apiKey = 'gemini-sim-test-key';
const model = 'gemini-2.0-flash';
const weather: FunctionDeclaration = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING }, days: { type: Type.NUMBER } }, required: ['city', 'days'] },
};
const question: Content[] = [{ role: 'user', parts: [{ text: 'How warm is it in Rome today?' }] }];

let sim: Simulator;
let ai: GoogleGenAI;

/**
 * `fetch` is passed explicitly because the SDK's default path looks up Undici's global dispatcher
 * on `globalThis`, which inside jest's VM sandbox is not Node's global.
 */
function client(key: string): GoogleGenAI {
  return new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: sim.url, retryOptions: { attempts: 1 }, fetch: (input, init) => fetch(input, init) } });
}

beforeAll(async () => {
  sim = await startSimulator({ dialect: 'gemini', apiKey });
  ai = client(apiKey);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function collect(stream: AsyncGenerator<GenerateContentResponse>): Promise<GenerateContentResponse[]> {
  const chunks: GenerateContentResponse[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('gemini simulator through @google/genai', () => {
  it('generates content deterministically with the key in x-goog-api-key', async () => {
    const response = await ai.models.generateContent({ model, contents: question });
    expect(response.text).toBe('Hello from gemini gemini-2.0-flash: How warm is it in Rome today?');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    const usage = response.usageMetadata;
    expect(usage?.totalTokenCount).toBe((usage?.promptTokenCount ?? 0) + (usage?.candidatesTokenCount ?? 0));
    expect(sim.requests[0]).toMatchObject({ path: `/v1/models/${model}:generateContent`, model });
    expect(sim.requests[0]?.headers['x-goog-api-key']).toBe(apiKey);
  });

  it('streams over SSE with running usage totals that end at the non-streamed usage', async () => {
    const whole = await ai.models.generateContent({ model, contents: question });
    const chunks = await collect(await ai.models.generateContentStream({ model, contents: question }));
    expect(sim.requests[1]?.query).toMatchObject({ alt: 'sse' });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe(whole.text);
    const totals = chunks.map((chunk) => chunk.usageMetadata?.candidatesTokenCount ?? 0);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(chunks.at(-1)?.usageMetadata).toEqual(whole.usageMetadata);
    expect(chunks.filter((chunk) => chunk.candidates?.[0]?.finishReason !== undefined)).toHaveLength(1);
  });

  it('completes a function-call round trip with STOP as the finish reason', async () => {
    const first = await ai.models.generateContent({ model, contents: question, config: { tools: [{ functionDeclarations: [weather] }] } });
    expect(first.functionCalls).toEqual([{ name: 'get_weather', args: { city: 'example', days: 1 } }]);
    expect(first.candidates?.[0]?.finishReason).toBe('STOP');
    const second = await ai.models.generateContent({
      model,
      config: { tools: [{ functionDeclarations: [weather] }] },
      contents: [...question, first.candidates![0]!.content!, { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { celsius: 27 } } }] }],
    });
    expect(second.text).toBe('Hello from gemini gemini-2.0-flash: the tool returned {"celsius":27}');
  });

  it('streams a function call whole in one chunk', async () => {
    const chunks = await collect(await ai.models.generateContentStream({ model, contents: question, config: { tools: [{ functionDeclarations: [weather] }] } }));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.functionCalls?.[0]).toMatchObject({ name: 'get_weather', args: { city: 'example', days: 1 } });
  });

  it('answers a JSON response schema with matching JSON', async () => {
    const response = await ai.models.generateContent({
      model,
      contents: question,
      config: { responseMimeType: 'application/json', responseSchema: { type: Type.OBJECT, properties: { city: { type: Type.STRING }, warm: { type: Type.BOOLEAN } }, required: ['city', 'warm'] } },
    });
    expect(JSON.parse(response.text ?? '')).toEqual({ city: 'example', warm: true });
  });

  it('embeds deterministically through batchEmbedContents', async () => {
    const result = await ai.models.embedContent({ model: 'text-embedding-004', contents: ['first text', 'second text', 'first text'], config: { outputDimensionality: 64 } });
    const [a, b, again] = (result.embeddings ?? []).map((embedding) => embedding.values ?? []);
    expect(a).toHaveLength(64);
    expect(again).toEqual(a);
    expect(b).not.toEqual(a);
    expect(sim.requests[0]?.path).toBe('/v1/models/text-embedding-004:batchEmbedContents');
  });

  it('rejects a wrong key with a 400 API_KEY_INVALID', async () => {
    const error = await client('wrong').models.generateContent({ model, contents: question }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain('API_KEY_INVALID');
  });

  it.each<{ name: string; kind: ErrorKind; status: number; statusName: string }>([
    { name: 'a rate limit is a 429 RESOURCE_EXHAUSTED', kind: 'rate_limit', status: 429, statusName: 'RESOURCE_EXHAUSTED' },
    { name: 'an exhausted quota is a 429 with QuotaFailure details', kind: 'quota', status: 429, statusName: 'RESOURCE_EXHAUSTED' },
    { name: 'an overload is a 503 UNAVAILABLE', kind: 'overloaded', status: 503, statusName: 'UNAVAILABLE' },
    { name: 'a server fault is a 500 INTERNAL', kind: 'server', status: 500, statusName: 'INTERNAL' },
    { name: 'a permission failure is a 403 PERMISSION_DENIED', kind: 'auth', status: 403, statusName: 'PERMISSION_DENIED' },
    { name: 'a bad request is a 400 INVALID_ARGUMENT', kind: 'bad_request', status: 400, statusName: 'INVALID_ARGUMENT' },
  ])('$name', async ({ kind, status, statusName }) => {
    sim.script({ errorKind: kind });
    const error = await ai.models.generateContent({ model, contents: question }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expect(JSON.parse((error as ApiError).message)).toMatchObject({ error: { code: status, status: statusName } });
  });

  it('reports a streaming-endpoint error with its status although the body is plain JSON', async () => {
    sim.script({ errorKind: 'overloaded' });
    const error = await ai.models.generateContentStream({ model, contents: question }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
  });

  it('surfaces an in-stream error chunk as an ApiError', async () => {
    sim.script({ streamErrorAfterChunks: 1, errorKind: 'server' });
    const error = await collect(await ai.models.generateContentStream({ model, contents: question })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(500);
  });

  it('surfaces a socket reset mid-stream as an error', async () => {
    sim.script({ resetAfterChunks: 1 });
    await expect(collect(await ai.models.generateContentStream({ model, contents: question }))).rejects.toThrow();
  });

  it('counts tokens and lists models', async () => {
    const counted = await ai.models.countTokens({ model, contents: question });
    const response = await ai.models.generateContent({ model, contents: question });
    expect(counted.totalTokens).toBe(response.usageMetadata?.promptTokenCount);
    const names: string[] = [];
    for await (const listed of await ai.models.list()) names.push(listed.name ?? '');
    expect(names).toEqual(['models/gemini-2.0-flash', 'models/gemini-2.5-flash', 'models/text-embedding-004']);
  });
});
