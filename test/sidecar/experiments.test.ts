// examples/semantic as shipped, served by a running sidecar in front of the provider simulators:
// every rule, intent and the override header sends a request where the route says, and the
// triage experiment splits traffic by weight, keeps each user on one variant, and grades
// answers with the judge target, all visible in response headers and /metrics.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startSidecar, type StandaloneSidecar } from '@switchyard/sidecar';
import { startSimulator, type Simulator } from '../simulators/src/index.js';
import { postJson, send, type RawResponse } from './http-client.js';
import { metricValue } from './experiments-support.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'semantic');
const TRIAGE = 'Where can I download the invoice for my last order?';
const JUDGE_SCORE = 0.8;
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let openai: Simulator;
let anthropic: Simulator;
let gemini: Simulator;
let sidecar: StandaloneSidecar;
let dir: string;

/** The example's files with the simulators' fixed demo ports replaced by this run's. */
async function copyExample(): Promise<string> {
  const target = await mkdtemp(join(tmpdir(), 'switchyard-semantic-'));
  const ports: [string, Simulator][] = [['http://127.0.0.1:18101', openai], ['http://127.0.0.1:18102', anthropic], ['http://127.0.0.1:18103', gemini]];
  for (const file of (await readdir(EXAMPLE)).filter((name) => name.endsWith('.yaml'))) {
    let text = await readFile(join(EXAMPLE, file), 'utf8');
    for (const [fixed, sim] of ports) text = text.replaceAll(fixed, sim.url);
    await writeFile(join(target, file), text);
  }
  return target;
}

function judgeReply(score: number): unknown {
  return {
    id: 'msg_judge', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5',
    content: [{ type: 'text', text: String(score) }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 60, output_tokens: 2 },
  };
}

beforeAll(async () => {
  [openai, anthropic, gemini] = await Promise.all([
    startSimulator({ dialect: 'openai', apiKey: 'sk-sim-openai-demo-key' }),
    startSimulator({ dialect: 'anthropic', apiKey: 'sk-ant-sim-demo-key' }),
    startSimulator({ dialect: 'gemini', apiKey: 'sim-gemini-demo-key' }),
  ]);
  dir = await copyExample();
  sidecar = await startSidecar({ files: [dir], port: 0, log: silentLogger });
  // Only the judge asks Sonnet anything in the experiment; it answers with a score.
  anthropic.script({ always: true, match: { model: 'claude-sonnet-4-5' }, body: judgeReply(JUDGE_SCORE) });
});

afterAll(async () => {
  await sidecar?.close();
  await Promise.all([openai?.close(), anthropic?.close(), gemini?.close()]);
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const ask = (content: unknown, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<RawResponse> =>
  postJson(`${sidecar.url}/v1/chat/completions`, { model: 'assistant', messages: [{ role: 'user', content }], ...extra }, headers);

describe('examples/semantic through a running sidecar', () => {
  it('compiles with nothing left out', () => {
    expect(sidecar.problems).toEqual([]);
  });

  it.each([
    ['Chinese text goes to Qwen by the language rule', '请帮我把这封邮件翻译成英文，并保持语气礼貌。', {}, {}, 'qwen', 'rule=chinese'],
    ['an image goes to the multimodal model', [{ type: 'text', text: 'What is in this picture?' }, { type: 'image_url', image_url: { url: PIXEL } }], {}, {}, 'long-context', 'rule=images'],
    ['a prompt beyond 100k tokens goes to the 1M-token window', `Summarise this log. ${'the cat sat. '.repeat(30_000)}`, {}, {}, 'long-context', 'rule=long-prompt'],
    ['the override header names the target outright', 'Where is my parcel?', {}, { 'x-switchyard-target': 'sonnet' }, 'sonnet', 'override'],
    ['a multi-step word problem goes to the tier-5 model', 'A bakery sells 45 muffins in the morning and twice as many in the afternoon. How many muffins did it sell in total? Explain your reasoning step by step.', {}, {}, 'sonnet', 'intent=reasoning'],
    ['a coding task goes to the code model', 'Write a Python function that removes duplicate items from a list while keeping their order.', {}, {}, 'coder', 'intent=code'],
    ['a request no intent claims goes to the default', 'Tell me a fun fact about penguins.', {}, {}, 'mini', 'default'],
  ])('%s', async (_name, content, extra, headers, target, decidedBy) => {
    const response = await ask(content, extra, headers);
    expect(response.status).toBe(200);
    expect(response.headers['x-switchyard-target']).toBe(target);
    expect(response.headers['x-switchyard-decision']).toContain(decidedBy);
    expect(response.headers['x-switchyard-experiment']).toBeUndefined();
  });

  it('sends Qwen requests to the DashScope path of the simulator', async () => {
    openai.clearRequests();
    await ask('请用三句话介绍一下上海。');
    expect(openai.requests.map((request) => request.path)).toEqual(['/compatible-mode/v1/chat/completions']);
  });
});

describe('the triage experiment', () => {
  const users = Array.from({ length: 400 }, (_, index) => `user-${index}`);
  const firstVariant = new Map<string, string>();

  beforeAll(async () => {
    for (const user of users) {
      const response = await ask(TRIAGE, { user });
      firstVariant.set(user, response.headers['x-switchyard-experiment'] ?? 'none');
    }
  });

  it('takes triage requests and says so in the experiment and decision headers', async () => {
    const response = await ask(TRIAGE, { user: 'user-7' });
    const variant = response.headers['x-switchyard-experiment'];
    expect(variant).toMatch(/^triage-haiku\/(control|candidate)$/);
    expect(response.headers['x-switchyard-decision']).toMatch(new RegExp(`^intent=triage;confidence=[0-9.]+;experiment=${variant}$`));
    expect(response.headers['x-switchyard-target']).toBe(variant === 'triage-haiku/control' ? 'mini' : 'haiku');
  });

  it('splits users about 80/20, as the weights say', () => {
    const candidates = [...firstVariant.values()].filter((variant) => variant === 'triage-haiku/candidate').length;
    expect([...firstVariant.values()].every((variant) => variant.startsWith('triage-haiku/'))).toBe(true);
    expect(candidates / users.length).toBeGreaterThan(0.14);
    expect(candidates / users.length).toBeLessThan(0.26);
  });

  it('keeps every user on the variant they got first', async () => {
    const sample = users.slice(0, 40);
    const again = await Promise.all(sample.map(async (user) => [user, (await ask(TRIAGE, { user })).headers['x-switchyard-experiment']] as const));
    for (const [user, variant] of again) expect(variant).toBe(firstVariant.get(user));
  });

  it('draws afresh for requests without a user, so both variants serve them', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 60 && seen.size < 2; i++) seen.add((await ask(TRIAGE)).headers['x-switchyard-experiment'] ?? 'none');
    expect([...seen].sort()).toEqual(['triage-haiku/candidate', 'triage-haiku/control']);
  });

  it('leaves requests of other intents out of it', async () => {
    const response = await ask('Write a Go function that reverses a slice in place.', { user: 'user-1' });
    expect(response.headers['x-switchyard-experiment']).toBeUndefined();
  });

  it('counts requests per variant and the judge\'s scores in /metrics', async () => {
    await sidecar.experiments.settled();
    const metrics = (await send(`${sidecar.url}/metrics`)).text;
    const labels = (variant: string): Record<string, string> => ({ route: 'assistant', experiment: 'triage-haiku', variant });
    const requests = (variant: string): number => metricValue(metrics, 'switchyard_experiment_requests_total', labels(variant));
    const candidates = [...firstVariant.values()].filter((variant) => variant === 'triage-haiku/candidate').length;
    expect(requests('control') + requests('candidate')).toBeGreaterThanOrEqual(users.length + 41);
    expect(requests('candidate')).toBeGreaterThanOrEqual(candidates);
    for (const variant of ['control', 'candidate']) {
      const scored = metricValue(metrics, 'switchyard_experiment_quality_score_count', labels(variant));
      expect(scored).toBe(requests(variant));
      expect(metricValue(metrics, 'switchyard_experiment_quality_score_sum', labels(variant)) / scored).toBeCloseTo(JUDGE_SCORE, 6);
      expect(metricValue(metrics, 'switchyard_experiment_errors_total', labels(variant))).toBe(0);
      expect(metricValue(metrics, 'switchyard_experiment_cost_usd_total', labels(variant))).toBeGreaterThan(0);
    }
  });

  it('shows the judge the question and the answer, through the judge target\'s own endpoint', () => {
    const judged = anthropic.requests.filter((request) => JSON.stringify(request.body).includes('You grade answers'));
    expect(judged.length).toBeGreaterThanOrEqual(users.length);
    const prompt = JSON.stringify(judged[0]?.body);
    expect(prompt).toContain(TRIAGE);
    expect(prompt).toMatch(/Hello from (openai gpt-4o-mini|anthropic claude-haiku-4-5)/);
  });
});
