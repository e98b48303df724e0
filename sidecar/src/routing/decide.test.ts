// The decision over a route compiled by the real compile(): the fixture below goes through the
// contract's schema checks, target resolution and classifier training, as in production.
import { describe, expect, it } from '@jest/globals';
import type { IncomingHttpHeaders } from 'node:http';
import { compile, parseResources, secretKeysOf, type CompiledRoute } from '@switchyard/contract';
import type { ChatCompletionRequest } from '../openai/index.js';
import { ASSUME_HEALTHY, chooseTarget, decisionHeader, type Decision, type HealthView } from './decide.js';
import { planRoute, type RoutePlan } from './plan.js';
import { computeSignals, type RequestSignals } from './signals.js';

const FIXTURE = `
apiVersion: switchyard.dev/v1alpha1
kind: ProviderPool
metadata: { name: pool }
spec:
  endpoints:
    - name: us
      provider: openai
      baseURL: https://api.openai.com/v1
      credentials: { secretRef: { name: keys } }
      jurisdiction: us
      models:
        - name: small
          capabilities: { contextWindowTokens: 8000 }
          pricing: { inputPerMillion: "0.10", outputPerMillion: "0.40" }
        - name: seeing
          capabilities: { contextWindowTokens: 128000, vision: true, tools: true }
          pricing: { inputPerMillion: "0.15", outputPerMillion: "0.60" }
        - name: middle
          capabilities: { contextWindowTokens: 128000, vision: true, tools: true }
          pricing: { inputPerMillion: "1.00", outputPerMillion: "4.00" }
        - name: strong
          capabilities: { contextWindowTokens: 200000, vision: true, tools: true }
          pricing: { inputPerMillion: "10.00", outputPerMillion: "40.00" }
    - name: eu
      provider: openai
      baseURL: https://eu.api.openai.com/v1
      credentials: { secretRef: { name: keys } }
      jurisdiction: eu
      models:
        - name: middle
          capabilities: { contextWindowTokens: 128000, vision: true, tools: true }
          pricing: { inputPerMillion: "1.00", outputPerMillion: "4.00" }
        - name: strong
          capabilities: { contextWindowTokens: 200000, vision: true, tools: true }
          pricing: { inputPerMillion: "12.00", outputPerMillion: "48.00" }
---
apiVersion: v1
kind: Secret
metadata: { name: keys }
stringData: { apiKey: test-key }
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: chat }
spec:
  match: { models: [chat] }
  targets:
    - { name: small, pool: pool, endpoint: us, model: small, qualityTier: 1 }
    - { name: seeing, pool: pool, endpoint: us, model: seeing, qualityTier: 2 }
    - { name: middle, pool: pool, endpoint: us, model: middle, qualityTier: 3 }
    - { name: middle-eu, pool: pool, endpoint: eu, model: middle, qualityTier: 3 }
    - { name: strong, pool: pool, endpoint: us, model: strong, qualityTier: 5 }
    - { name: strong-eu, pool: pool, endpoint: eu, model: strong, qualityTier: 5 }
  useCases:
    - { name: premium-first, targets: [strong, middle] }
  semantic:
    rules:
      - { name: images, when: { modalities: [image] }, target: seeing }
      - { name: chinese, when: { languages: [zh] }, target: middle }
    intents:
      - name: triage
        requiredTier: 1
        examples: [Which team handles refunds?, How do I reset my password?, Cancel my subscription, Where is my parcel?]
      - name: reasoning
        requiredTier: 5
        examples: [Tom has 12 apples and eats 5. How many are left?, Prove that there are infinitely many primes., Solve 2x + 3 = 11., A train goes 120 km in 2 hours. What is its speed?]
      - name: code
        requiredTier: 3
        examples: [Write a Python function that reverses a string., Implement binary search in Go., Write a SQL query counting orders., Fix this function def add(a, b) return a - b]
    minConfidence: "0.5"
    defaultTarget: small
    override: { enabled: true }
  dataPolicy:
    classes:
      - { name: public }
      - { name: eu-personal, allowedJurisdictions: [eu] }
    classHeader: x-data-class
`;

function compiledRoute(): CompiledRoute {
  const parsed = parseResources(FIXTURE, 'fixture');
  const result = compile({ namespace: 'test', resources: parsed.resources, secrets: secretKeysOf(parsed.secrets, 'test') });
  expect(result.findings).toEqual([]);
  return result.config!.routes[0]!;
}

const ROUTE = compiledRoute();
const PLAN = planRoute(ROUTE);

function chat(text: string, extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest {
  return { model: 'chat', messages: [{ role: 'system', content: 'You are helpful.' }, { role: 'user', content: text }], ...extra };
}

function decide(request: ChatCompletionRequest, headers: IncomingHttpHeaders = {}, options: {
  plan?: RoutePlan; health?: HealthView; signals?: Partial<RequestSignals>;
} = {}): Decision {
  const plan = options.plan ?? PLAN;
  const signals = { ...computeSignals(plan, request, headers), ...options.signals };
  return chooseTarget(plan, request, signals, options.health ?? ASSUME_HEALTHY);
}

const CONFIDENT_CODE = { intent: { intent: 'code', confidence: 0.9 } };
const CONFIDENT_REASONING = { intent: { intent: 'reasoning', confidence: 0.9 } };
const IMAGE: ChatCompletionRequest['messages'] = [{ role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }];

describe('chooseTarget', () => {
  it.each<[string, ChatCompletionRequest, IncomingHttpHeaders, Partial<RequestSignals>, string, string]>([
    ['an image goes to the vision rule', chat('', { messages: IMAGE }), {}, {}, 'seeing', 'rule=images'],
    ['Chinese goes to the language rule, whatever the system prompt', chat('请帮我写一首关于秋天的诗'), {}, {}, 'middle', 'rule=chinese'],
    ['a confident intent takes its cheapest eligible target', chat('x'), {}, CONFIDENT_CODE, 'middle', 'intent=code;confidence=0.90'],
    ['a premium intent takes the only tier that meets it', chat('x'), {}, CONFIDENT_REASONING, 'strong', 'intent=reasoning;confidence=0.90'],
    ['a use case orders an intent\'s targets', chat('x'), { 'x-switchyard-use-case': 'premium-first' }, CONFIDENT_CODE, 'strong', 'intent=code;confidence=0.90'],
    ['a use case decides when no intent is confident', chat('x'), { 'x-switchyard-use-case': 'premium-first' }, { intent: { intent: 'code', confidence: 0.3 } }, 'strong', 'use-case=premium-first'],
    ['an unsure classifier leaves the request to the default', chat('x'), {}, { intent: { intent: 'code', confidence: 0.3 } }, 'small', 'default'],
    ['an override names the target', chat('x'), { 'x-switchyard-target': 'strong' }, CONFIDENT_CODE, 'strong', 'override'],
    ['an override naming no target is ignored', chat('x'), { 'x-switchyard-target': 'gpt-9' }, CONFIDENT_CODE, 'middle', 'intent=code;confidence=0.90'],
    ['an override the data class forbids is ignored', chat('x'), { 'x-switchyard-target': 'strong', 'x-data-class': 'eu-personal' }, CONFIDENT_REASONING, 'strong-eu', 'intent=reasoning;confidence=0.90'],
    ['a data class keeps the intent on endpoints it may reach', chat('x'), { 'x-data-class': 'eu-personal' }, CONFIDENT_CODE, 'middle-eu', 'intent=code;confidence=0.90'],
    ['a rule whose target the data class forbids is passed over', chat('请帮我写一首关于秋天的诗'), { 'x-data-class': 'eu-personal' }, CONFIDENT_CODE, 'middle-eu', 'intent=code;confidence=0.90'],
    ['the default too must be servable', chat('x', { tools: [{ type: 'function', function: { name: 'f' } }] }), {}, { intent: null }, 'seeing', 'default'],
    ['a prompt too long for the default goes to the cheapest that fits', chat('word '.repeat(9000)), {}, { intent: null }, 'seeing', 'default'],
  ])('%s', (_sentence, request, headers, signals, target, header) => {
    const decision = decide(request, headers, { signals });
    expect({ target: decision.target, header: decisionHeader(decision.decidedBy) }).toEqual({ target, header });
  });

  it('ignores the override header on a route that does not permit it', () => {
    const plan = planRoute({ ...ROUTE, semantic: { ...ROUTE.semantic!, override: null } });
    const decision = decide(chat('x'), { 'x-switchyard-target': 'strong' }, { plan, signals: CONFIDENT_CODE });
    expect(decision.decidedBy.kind).not.toBe('override');
  });

  it('passes over a target with no healthy endpoint while another can serve', () => {
    const health: HealthView = { healthy: (id) => id !== 'pool/us', latencyMs: () => undefined };
    expect(decide(chat('x'), {}, { health, signals: CONFIDENT_CODE }).target).toBe('middle-eu');
  });

  it('still picks the cheapest when no target is healthy', () => {
    const health: HealthView = { healthy: () => false, latencyMs: () => undefined };
    expect(decide(chat('x'), {}, { health, signals: CONFIDENT_CODE }).target).toBe('middle');
  });

  it('breaks a price tie by latency', () => {
    const health: HealthView = { healthy: () => true, latencyMs: (id) => (id === 'pool/us' ? 900 : 300) };
    expect(decide(chat('x'), {}, { health, signals: CONFIDENT_CODE }).target).toBe('middle-eu');
  });

  it('reports the intent it saw even when another step decided', () => {
    const decision = decide(chat('请帮我写一首关于秋天的诗'), {}, { signals: CONFIDENT_CODE });
    expect(decision.intent).toEqual(CONFIDENT_CODE.intent);
  });

  it.each([
    ['code', 'Write a Python function that checks whether a number is even.'],
    ['reasoning', 'Sam has 14 marbles and loses 6. How many marbles are left?'],
    ['triage', 'How do I cancel my order?'],
  ])('classifies a %s request with the trained model end to end', (intent, text) => {
    expect(decide(chat(text)).intent?.intent).toBe(intent);
  });
});

describe('decisionHeader', () => {
  it.each<[string, Decision['decidedBy'], string]>([
    ['a rule', { kind: 'rule', name: 'images' }, 'rule=images'],
    ['an intent, confidence to two places', { kind: 'intent', name: 'code', confidence: 0.934 }, 'intent=code;confidence=0.93'],
    ['a use case', { kind: 'use-case', name: 'summarize' }, 'use-case=summarize'],
    ['an override', { kind: 'override' }, 'override'],
    ['the default', { kind: 'default' }, 'default'],
  ])('names %s', (_sentence, decidedBy, expected) => {
    expect(decisionHeader(decidedBy)).toBe(expected);
  });
});
