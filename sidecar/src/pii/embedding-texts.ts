import type { EmbeddingsRequest } from '../openai/index.js';
import type { TextMapper } from './chat-texts.js';

/** Text inputs of an embeddings request mapped; token-id inputs carry no text and stay. */
export function mapEmbeddingTexts(request: EmbeddingsRequest, map: TextMapper): EmbeddingsRequest {
  const { input } = request;
  if (typeof input === 'string') {
    const mapped = map(input);
    return mapped === input ? request : { ...request, input: mapped };
  }
  if (!input.every((item): item is string => typeof item === 'string')) return request;
  let changed = false;
  const mapped = input.map((item) => {
    const next = map(item);
    if (next !== item) changed = true;
    return next;
  });
  return changed ? { ...request, input: mapped } : request;
}
