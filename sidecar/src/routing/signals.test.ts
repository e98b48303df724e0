import { describe, expect, it } from '@jest/globals';
import type { CompiledRoute } from '@switchyard/contract';
import type { ChatCompletionRequest } from '../openai/index.js';
import { planRoute } from './plan.js';
import { computeSignals, TOKENS_PER_IMAGE } from './signals.js';
import { estimateTextTokens, TOKENS_PER_MESSAGE } from './tokens.js';

const ROUTE: CompiledRoute = {
  name: 'chat', aliases: ['chat'], headers: [], useCaseHeader: 'x-switchyard-use-case', defaultTarget: 't',
  targets: [], useCases: [],
  semantic: {
    rules: [{ name: 'k', target: 't', when: {
      languages: [], modalities: [], minPromptTokens: null, maxPromptTokens: null, keywords: ['refund'], pattern: null,
      needsTools: false, needsJsonSchema: false,
    } }],
    intents: [], model: null, minConfidence: 0.5, override: { header: 'x-switchyard-target' },
  },
  failover: { chain: [], allowLargerContext: false },
  retry: { maxAttempts: 1, baseBackoffMs: 1, maxBackoffMs: 1, deadlineMs: 1, budgetPercent: 0, minRetriesPerSecond: 0 },
  dataPolicy: null, pii: null,
  logging: { fields: [], sampleRate: 0, sink: 'stdout', hashKey: null },
  experiments: [],
};

const PLAN = planRoute(ROUTE);

const REQUEST: ChatCompletionRequest = {
  model: 'chat',
  max_tokens: 300,
  tools: [{ type: 'function', function: { name: 'lookup' } }],
  response_format: { type: 'json_schema', json_schema: { name: 'answer' } },
  messages: [
    { role: 'system', content: '你是一个乐于助人的助手。' },
    { role: 'user', content: 'hello' },
    { role: 'assistant', content: 'Hi! How can I help?' },
    { role: 'user', content: [{ type: 'text', text: 'I want a REFUND for this' }, { type: 'image_url', image_url: { url: 'data:,' } }] },
  ],
};

describe('computeSignals', () => {
  const signals = computeSignals(PLAN, REQUEST, { 'x-switchyard-use-case': 'support', 'x-switchyard-target': 'opus' });

  it.each<[string, unknown, unknown]>([
    ['reads the last user turn, not the system prompt', signals.text, 'I want a REFUND for this'],
    ['lower-cases it because a rule has keywords', signals.lowerText, 'i want a refund for this'],
    ['takes the language from the last user turn', signals.language, { language: null, script: 'latin' }],
    ['counts image parts', signals.modalities, { image: 1, audio: 0 }],
    ['keeps the requested output cap', signals.outputTokens, 300],
    ['sees tools', signals.needsTools, true],
    ['sees a JSON schema', signals.needsJsonSchema, true],
    ['reads the use-case header', signals.useCase, 'support'],
    ['reads the override header the route names', signals.override, 'opus'],
    ['has no intent on a route without intents', signals.intent, null],
  ])('%s', (_sentence, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('counts every message, the image and the tool definitions in the prompt estimate', () => {
    const text = ['你是一个乐于助人的助手。', 'hello', 'Hi! How can I help?', 'I want a REFUND for this'];
    const floor = text.reduce((sum, t) => sum + estimateTextTokens(t), 0) + 4 * TOKENS_PER_MESSAGE + TOKENS_PER_IMAGE;
    expect(signals.promptTokens).toBeGreaterThan(floor);
    expect(signals.promptTokens).toBeLessThan(floor + 40);
  });

  it('prefers max_completion_tokens to max_tokens', () => {
    expect(computeSignals(PLAN, { ...REQUEST, max_completion_tokens: 50 }, {}).outputTokens).toBe(50);
  });
});
