// Canonical → Gemini generateContent / streamGenerateContent?alt=sse.

import { requestedMaxTokens, stopSequences, type ChatCompletionRequest } from '../../openai/index.js';
import type { Target, UpstreamRequest } from '../adapter.js';
import { joinURL, postJson, versionedRoot } from '../http.js';
import { toGeminiConversation } from './contents.js';
import { toGeminiSchema } from './schema.js';
import type { GeminiRequest, GenerationConfig } from './wire.js';

export function geminiModelURL(target: Target, method: string): string {
  const model = target.model.replace(/^models\//, '');
  return joinURL(versionedRoot(target.baseURL, 'v1beta'), `models/${model}:${method}`);
}

export function geminiHeaders(target: Target): Record<string, string> {
  // A header, not the `key` query parameter, so the key stays out of access logs.
  return { 'x-goog-api-key': target.apiKey };
}

export function toGeminiRequest(request: ChatCompletionRequest, target: Target): UpstreamRequest {
  const { systemParts, contents } = toGeminiConversation(request.messages);
  const generationConfig = toGenerationConfig(request);
  const body: GeminiRequest = {
    contents,
    ...(systemParts.length === 0 ? {} : { systemInstruction: { parts: systemParts } }),
    ...toolFields(request),
    ...(Object.keys(generationConfig).length === 0 ? {} : { generationConfig }),
  };
  const url = request.stream === true ? `${geminiModelURL(target, 'streamGenerateContent')}?alt=sse` : geminiModelURL(target, 'generateContent');
  return postJson(url, geminiHeaders(target), body);
}

function toGenerationConfig(request: ChatCompletionRequest): GenerationConfig {
  const config: GenerationConfig = {};
  const maxTokens = requestedMaxTokens(request);
  const stop = stopSequences(request);
  if (typeof request.temperature === 'number') config.temperature = request.temperature;
  if (typeof request.top_p === 'number') config.topP = request.top_p;
  if (maxTokens !== undefined) config.maxOutputTokens = maxTokens;
  if (stop !== undefined) config.stopSequences = stop;
  if (typeof request.n === 'number') config.candidateCount = request.n;
  if (typeof request.seed === 'number') config.seed = request.seed;
  if (typeof request.presence_penalty === 'number') config.presencePenalty = request.presence_penalty;
  if (typeof request.frequency_penalty === 'number') config.frequencyPenalty = request.frequency_penalty;
  const format = request.response_format;
  if (format?.type === 'json_object' || format?.type === 'json_schema') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema' && format.json_schema.schema !== undefined) {
    config.responseSchema = toGeminiSchema(format.json_schema.schema);
  }
  return config;
}

function toolFields(request: ChatCompletionRequest): Pick<GeminiRequest, 'tools' | 'toolConfig'> {
  if (request.tools === undefined || request.tools.length === 0) return {};
  const functionDeclarations = request.tools.map(({ function: fn }) => ({
    name: fn.name,
    ...(fn.description === undefined ? {} : { description: fn.description }),
    ...(fn.parameters === undefined ? {} : { parameters: toGeminiSchema(fn.parameters) }),
  }));
  const choice = request.tool_choice;
  if (choice === undefined) return { tools: [{ functionDeclarations }] };
  const mode = choice === 'auto' ? 'AUTO' : choice === 'none' ? 'NONE' : 'ANY';
  const allowed = typeof choice === 'object' ? { allowedFunctionNames: [choice.function.name] } : {};
  return { tools: [{ functionDeclarations }], toolConfig: { functionCallingConfig: { mode, ...allowed } } };
}
