import { mintToken } from '../../ids.js';
import { isRecord, type JsonRecord } from '../../narrow.js';
import { finishReason, type ChatRender, type Flavor } from '../render.js';
import { detailedUsage, openAIDeltas, openAIFlavor, openAIMessage } from './openai.js';

// Azure OpenAI: a leading filter-only chunk with prompt_filter_results, content_filter_results on
// every choice (empty on role, tool and finish chunks), compact bodies, keys sorted alphabetically
// except inside prompt_filter_results.

const safe = { filtered: false, severity: 'safe' };
const outputFilter = { hate: safe, self_harm: safe, sexual: safe, violence: safe };
const completionFilter = {
  hate: safe,
  protected_material_code: { filtered: false, detected: false },
  protected_material_text: { filtered: false, detected: false },
  self_harm: safe,
  sexual: safe,
  violence: safe,
};
const promptFilterResults = [
  { prompt_index: 0, content_filter_results: { hate: safe, jailbreak: { filtered: false, detected: false }, self_harm: safe, sexual: safe, violence: safe } },
];

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  const sorted: JsonRecord = {};
  for (const key of Object.keys(value).sort()) sorted[key] = key === 'prompt_filter_results' ? value[key] : sortKeys(value[key]);
  return sorted;
}

function serializeSorted(body: JsonRecord): string {
  return JSON.stringify(sortKeys(body));
}

function chunk(r: ChatRender, choices: JsonRecord[], ordinal: number): JsonRecord {
  const out: JsonRecord = {
    choices,
    created: r.created,
    id: r.id,
    model: r.model,
    obfuscation: mintToken('obfuscation', r.seq * 1000 + ordinal, 1 + (ordinal % 9)),
    object: 'chat.completion.chunk',
    system_fingerprint: 'fp_sim0000001',
  };
  if (r.includeUsage) out['usage'] = null;
  return out;
}

export const azureFlavor: Flavor = {
  ...openAIFlavor,
  name: 'azure',
  completion: (r) => ({
    choices: [{ content_filter_results: completionFilter, finish_reason: finishReason(r.plan), index: 0, logprobs: null, message: openAIMessage(r) }],
    created: r.created,
    id: r.id,
    model: r.model,
    object: 'chat.completion',
    prompt_filter_results: promptFilterResults,
    system_fingerprint: 'fp_sim0000001',
    usage: detailedUsage(r.plan),
  }),
  serializeCompletion: serializeSorted,
  chunks: (r) => {
    const deltas = [...openAIDeltas(r), {}];
    const last = deltas.length - 1;
    const chunks: JsonRecord[] = [{ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: promptFilterResults }];
    deltas.forEach((delta, i) => {
      const filtered = typeof delta['content'] === 'string' && delta['content'] !== '' ? outputFilter : {};
      const finish = i === last ? finishReason(r.plan) : null;
      chunks.push(chunk(r, [{ content_filter_results: filtered, delta, finish_reason: finish, index: 0, logprobs: null }], i));
    });
    if (r.includeUsage) chunks.push({ ...chunk(r, [], deltas.length), usage: detailedUsage(r.plan) });
    return chunks;
  },
  serializeChunk: serializeSorted,
};
