// The semantic decision and the PII policy on the real request path: a running sidecar in front
// of provider simulators, driven over HTTP.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import { startSimulator, type Simulator } from '../simulators/src/index.js';
import { postJson } from './http-client.js';
import { keysAndPoolHead } from './pool-yaml.js';

const EMAIL = 'jane.doe+billing@example.org';
const CARD = '4111 1111 1111 1111';

let openai: Simulator;
let qwen: Simulator;
let sidecar: StandaloneSidecar;
let dir: string;

function configYaml(): string {
  return `
${keysAndPoolHead('{ openai: sk-routing-test-openai, qwen: sk-routing-test-qwen }')}
    - name: oai
      provider: openai
      baseURL: ${openai.url}/v1
      inCluster: true
      credentials: { secretRef: { name: keys, key: openai } }
      models:
        - { name: gpt-4o-mini, capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: "0.15", outputPerMillion: "0.60" } }
        - { name: o3, capabilities: { contextWindowTokens: 200000 }, pricing: { inputPerMillion: "2.00", outputPerMillion: "8.00" } }
    - name: dashscope
      provider: openai-compatible
      flavor: qwen
      baseURL: ${qwen.url}/compatible-mode/v1
      inCluster: true
      credentials: { secretRef: { name: keys, key: qwen } }
      models:
        - { name: qwen-plus, capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: "0.40", outputPerMillion: "1.20" } }
---
apiVersion: switchyard.dev/v1alpha1
kind: ModelRoute
metadata: { name: smart }
spec:
  match: { models: [smart] }
  targets:
    - { name: mini, pool: pool, model: gpt-4o-mini, qualityTier: 1 }
    - { name: strong, pool: pool, model: o3, qualityTier: 5 }
    - { name: qwen, pool: pool, model: qwen-plus, qualityTier: 3 }
  semantic:
    defaultTarget: mini
    rules:
      - { name: chinese, when: { languages: [zh] }, target: qwen }
    intents:
      - name: reasoning
        requiredTier: 5
        examples:
          - "A train leaves at 3 pm going 60 miles per hour; another leaves at 4 pm at 80 miles per hour. When does the second catch up? Show your steps."
          - "Natalia sold clips to 48 friends in April and half as many in May. How many clips did she sell altogether?"
          - "If 3x + 7 = 22, what is x? Explain each step of the solution."
          - "A rectangle has a perimeter of 30 cm and its length is twice its width. Find the area, working step by step."
          - "Weng earns 12 dollars an hour for babysitting. Yesterday she did 50 minutes. How much did she earn?"
          - "What is the smallest positive integer divisible by 2, 3, 4, 5 and 6? Reason it out."
      - name: triage
        requiredTier: 1
        examples:
          - "How do I reset my password?"
          - "My card payment was declined, what should I do?"
          - "Can you set an alarm for 7 am?"
          - "What are your opening hours?"
          - "I want to cancel my order."
          - "Where is my package?"
  pii:
    restoreInResponse: true
    entities:
      - { type: email, action: redact }
      - { type: credit-card, action: block }
`;
}

beforeAll(async () => {
  openai = await startSimulator({ dialect: 'openai', apiKey: 'sk-routing-test-openai' });
  qwen = await startSimulator({ dialect: 'openai', flavor: 'qwen', apiKey: 'sk-routing-test-qwen' });
  dir = await mkdtemp(join(tmpdir(), 'switchyard-routing-'));
  await writeFile(join(dir, 'route.yaml'), configYaml());
  sidecar = await startSidecar({ files: [dir], port: 0, log: silentLogger });
});

afterAll(async () => {
  await sidecar.close();
  await Promise.all([openai.close(), qwen.close()]);
  await rm(dir, { recursive: true, force: true });
});

const chat = (content: string, extra: Record<string, unknown> = {}) =>
  postJson(`${sidecar.url}/v1/chat/completions`, { model: 'smart', messages: [{ role: 'user', content }], ...extra });

function upstreamBodies(sim: Simulator): string[] {
  return sim.requests.map((request) => JSON.stringify(request.body));
}

describe('semantic routing through a running sidecar', () => {
  it.each([
    ['Chinese text goes to Qwen by the language rule', '请帮我总结一下这篇文章的主要观点，谢谢。', 'qwen', 'rule=chinese'],
    ['a multi-step word problem goes to the strong model by intent', 'A farmer has 17 sheep and buys 3 times as many goats. How many animals does he have in total? Show your steps.', 'strong', 'intent=reasoning'],
    ['a quick support question goes to the cheap model', 'How do I change my delivery address?', 'mini', 'intent=triage'],
  ])('%s', async (_name, content, target, decidedBy) => {
    const response = await chat(content);
    expect(response.status).toBe(200);
    expect(response.headers['x-switchyard-target']).toBe(target);
    expect(response.headers['x-switchyard-decision']).toContain(decidedBy);
  });
});

describe('PII policy through a running sidecar', () => {
  it('redacts an email before it leaves and restores it in the answer', async () => {
    openai.clearRequests();
    const response = await chat(`Contact ${EMAIL} about the refund`);
    expect(response.status).toBe(200);
    expect(upstreamBodies(openai).join('')).not.toContain(EMAIL);
    expect(upstreamBodies(openai).join('')).toContain('[EMAIL_1]');
    expect(response.text).toContain(EMAIL);
  });

  it('restores a redacted email in a streamed answer', async () => {
    openai.clearRequests();
    const response = await chat(`Contact ${EMAIL} about the refund`, { stream: true });
    expect(response.status).toBe(200);
    expect(upstreamBodies(openai).join('')).not.toContain(EMAIL);
    const text = response.text.split('\n').filter((line) => line.startsWith('data: {'))
      .map((line) => (JSON.parse(line.slice(6)) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '').join('');
    expect(text).toContain(EMAIL);
  });

  it('blocks a card number with an OpenAI error naming the type, never the value, and sends nothing', async () => {
    openai.clearRequests();
    qwen.clearRequests();
    const response = await chat(`Charge my card ${CARD} please`);
    expect(response.status).toBe(400);
    const body = JSON.parse(response.text) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('pii_blocked');
    expect(body.error.message).toContain('credit-card');
    expect(response.text).not.toContain('1111');
    expect(openai.requests).toHaveLength(0);
    expect(qwen.requests).toHaveLength(0);
  });
});
