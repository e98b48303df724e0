// Predicted cost of an embeddings request: its input tokens at each candidate's input price (an
// embedding has no output). Token-id inputs are counted as they are; text with the model's
// tokenizer, as for chat prompts.
import type { EmbeddingsInput } from '../openai/index.js';
import type { Candidate } from '../pipeline/candidates.js';
import { predictCost, type Prediction } from './oracle.js';
import type { Pricer } from './pricing.js';
import { candidateKey } from './pricing.js';
import type { Tokenizer } from './tokenizer.js';

export function embeddingsPricerFor(input: EmbeddingsInput, tokenizers: ReadonlyMap<string, Tokenizer>): Pricer {
  const counted = new Map<string, number>();
  const inputTokens = (tokenizer: Tokenizer): number => {
    let tokens = counted.get(tokenizer.encoding);
    if (tokens === undefined) {
      tokens = countInput(input, tokenizer);
      counted.set(tokenizer.encoding, tokens);
    }
    return tokens;
  };
  const predict = (candidate: Candidate): Prediction => {
    const { model } = candidate.targetRuntime;
    return predictCost(inputTokens(tokenizers.get(model)!), { model, pricing: candidate.backend.pricing, maxOutputTokens: 0 }, 0);
  };
  return {
    predict,
    price(plan) {
      const byCandidate = new Map(plan.candidates.map((candidate) => [candidateKey(candidate.target, candidate.endpointId), predict(candidate)]));
      return { costMicroUsd: Math.max(0, ...[...byCandidate.values()].map((prediction) => prediction.costMicroUsd)), byCandidate };
    },
  };
}

function countInput(input: EmbeddingsInput, tokenizer: Tokenizer): number {
  if (typeof input === 'string') return tokenizer.count(input);
  return (input as readonly (string | number | readonly number[])[]).reduce<number>((sum, item) => {
    if (typeof item === 'string') return sum + tokenizer.count(item);
    return sum + (typeof item === 'number' ? 1 : item.length);
  }, 0);
}
