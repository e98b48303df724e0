// Embeddings via models/{model}:batchEmbedContents: one request entry per input text. Gemini
// reports no token counts for embeddings, so usage is zero.

import { GatewayError } from '../../errors/index.js';
import { embeddingTexts, encodeEmbeddingBase64, isRecord, readArray } from '../../openai/index.js';
import type { EmbeddingsRequest, EmbeddingsResponse, ResponseContext } from '../../openai/index.js';
import type { EmbeddingsAdapter, Target, UpstreamRequest } from '../adapter.js';
import { postJson } from '../http.js';
import { geminiHeaders, geminiModelURL } from './request.js';

function toUpstreamRequest(request: EmbeddingsRequest, target: Target): UpstreamRequest {
  const texts = embeddingTexts(request.input);
  if (texts === undefined) throw new GatewayError('unsupported', 'Gemini embeddings take text input, not token ids.', { param: 'input' });
  const model = `models/${target.model.replace(/^models\//, '')}`;
  const dimensions = typeof request.dimensions === 'number' ? { outputDimensionality: request.dimensions } : {};
  const requests = texts.map((text) => ({ model, content: { parts: [{ text }] }, ...dimensions }));
  return postJson(geminiModelURL(target, 'batchEmbedContents'), geminiHeaders(target), { requests });
}

function fromUpstreamResponse(body: unknown, request: EmbeddingsRequest, ctx: ResponseContext): EmbeddingsResponse {
  const embeddings = isRecord(body) ? readArray(body, 'embeddings') : undefined;
  if (embeddings === undefined) throw new GatewayError('upstream_invalid_response', 'The upstream reply is not a Gemini embeddings batch.');
  const data = embeddings.map((entry, index) => {
    const values = isRecord(entry) && Array.isArray(entry.values) ? entry.values.filter((v): v is number => typeof v === 'number') : [];
    return { object: 'embedding' as const, index, embedding: request.encoding_format === 'base64' ? encodeEmbeddingBase64(values) : values };
  });
  return { object: 'list', data, model: ctx.model, usage: { prompt_tokens: 0, total_tokens: 0 } };
}

export const geminiEmbeddings: EmbeddingsAdapter = { toUpstreamRequest, fromUpstreamResponse };
