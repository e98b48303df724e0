import { describe, expect, it } from '@jest/globals';
import type { CapabilitiesConfig } from '@switchyard/contract';
import { selectEligible, type CandidateView, type EligibilityContext, type HealthView } from './eligibility.js';

const base: CapabilitiesConfig = {
  contextWindowTokens: 128_000, maxOutputTokens: null, vision: true, tools: true, jsonSchema: true, embeddings: false, streaming: true,
};

const candidates: CandidateView[] = [
  { endpointId: 'openai/us', target: 'gpt', capabilities: base },
  { endpointId: 'openai/eu', target: 'gpt', capabilities: base },
  { endpointId: 'anthropic/eu', target: 'claude', capabilities: { ...base, jsonSchema: false, contextWindowTokens: 200_000 } },
  { endpointId: 'local/vllm', target: 'llama', capabilities: { ...base, vision: false, contextWindowTokens: 32_000 } },
];

const open: HealthView = { admits: true, ejectedUntil: 0 };

function context(overrides: Partial<EligibilityContext> & { ejected?: Record<string, number>; p95s?: Record<string, number>; canary?: Record<string, boolean> } = {}): EligibilityContext {
  const { ejected = {}, p95s = {}, canary = {}, ...rest } = overrides;
  return {
    needs: { vision: false, tools: false, jsonSchema: false, streaming: false, embeddings: false },
    allowedEndpoints: null,
    tried: new Set(),
    contextWindowAbove: 0,
    remainingMs: 30_000,
    health: (id) => (ejected[id] === undefined ? open : { admits: false, ejectedUntil: ejected[id] }),
    p95: (id) => p95s[id],
    canaryReady: (id) => canary[id],
    ...rest,
  };
}

const ids = (ctx: EligibilityContext): string[] => selectEligible(candidates, ctx).candidates.map((candidate) => candidate.endpointId);

describe('eligible candidates', () => {
  it.each([
    { name: 'everything fits a plain request, in route order', ctx: context(), expected: ['openai/us', 'openai/eu', 'anthropic/eu', 'local/vllm'] },
    { name: 'a vision request skips targets without vision', ctx: context({ needs: { vision: true, tools: false, jsonSchema: false, streaming: false, embeddings: false } }), expected: ['openai/us', 'openai/eu', 'anthropic/eu'] },
    { name: 'a JSON-schema request skips targets without structured output', ctx: context({ needs: { vision: false, tools: false, jsonSchema: true, streaming: false, embeddings: false } }), expected: ['openai/us', 'openai/eu', 'local/vllm'] },
    { name: 'after a context-length refusal only larger windows remain', ctx: context({ contextWindowAbove: 128_000 }), expected: ['anthropic/eu'] },
    { name: 'the data policy is never relaxed', ctx: context({ allowedEndpoints: new Set(['openai/eu', 'anthropic/eu']) }), expected: ['openai/eu', 'anthropic/eu'] },
    { name: 'endpoints already tried are skipped', ctx: context({ tried: new Set(['openai/us']) }), expected: ['openai/eu', 'anthropic/eu', 'local/vllm'] },
    { name: 'ejected endpoints are skipped while others remain', ctx: context({ ejected: { 'openai/us': 5 } }), expected: ['openai/eu', 'anthropic/eu', 'local/vllm'] },
    { name: 'a target whose p95 cannot fit the remaining deadline is skipped', ctx: context({ remainingMs: 4_000, p95s: { 'openai/us': 4_000, 'openai/eu': 3_999 } }), expected: ['openai/eu', 'anthropic/eu', 'local/vllm'] },
    { name: 'a secondary that failed its canary goes last', ctx: context({ canary: { 'openai/eu': false, 'anthropic/eu': true } }), expected: ['openai/us', 'anthropic/eu', 'local/vllm', 'openai/eu'] },
  ])('$name', ({ ctx, expected }) => {
    expect(ids(ctx)).toEqual(expected);
  });

  it('when every allowed endpoint is ejected they are all offered, soonest back first (never eject the last)', () => {
    const ctx = context({
      allowedEndpoints: new Set(['openai/eu', 'anthropic/eu']),
      ejected: { 'openai/us': 1, 'openai/eu': 900, 'anthropic/eu': 500 },
    });
    const eligible = selectEligible(candidates, ctx);
    expect(eligible.panic).toBe(true);
    expect(eligible.candidates.map((candidate) => candidate.endpointId)).toEqual(['anthropic/eu', 'openai/eu']);
  });

  it('panic never reaches outside the data policy', () => {
    const ctx = context({ allowedEndpoints: new Set(['openai/eu']), tried: new Set(['openai/eu']), ejected: { 'openai/us': 1 } });
    expect(selectEligible(candidates, ctx)).toMatchObject({ candidates: [], panic: false });
  });

  it('says why each candidate was skipped', () => {
    const ctx = context({ allowedEndpoints: new Set(['openai/eu', 'anthropic/eu', 'local/vllm']), ejected: { 'anthropic/eu': 9 }, contextWindowAbove: 64_000 });
    expect(selectEligible(candidates, ctx).skipped).toEqual([
      { endpointId: 'openai/us', why: 'data_policy' },
      { endpointId: 'local/vllm', why: 'context_window' },
      { endpointId: 'anthropic/eu', why: 'ejected' },
    ]);
  });
});
