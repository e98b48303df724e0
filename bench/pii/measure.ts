// Leak rates and latency of applyPiiPolicy over the corpus. A value leaks when any 6-character
// window of it reaches the outgoing body (partial redaction counts as a leak).

import type { PiiConfig } from '@switchyard/contract';
import { Faker, base, en } from '@faker-js/faker';
import { applyPiiPolicy } from '../../sidecar/src/pii/index.js';
import { isGatewayError } from '../../sidecar/src/errors/index.js';
import type { CorpusItem } from './corpus.js';
import { placeText, randomPlacement } from './requests.js';
import { GOLD_TYPES } from './values.js';

export function policyFor(action: 'redact' | 'block', restoreInResponse = false): PiiConfig {
  return { entities: GOLD_TYPES.map((type) => ({ type, action })), custom: [], restoreInResponse };
}

/**
 * True when a `width`-character window of value is in body but not in `neutral` (the same body
 * built from the text with every PII value cut out): "ection" of "disconnection.net" is no leak
 * when the prompt itself says "protection".
 */
export function leaksInto(body: string, value: string, neutral = '', width = 6): boolean {
  if (value.length <= width) return body.includes(value);
  for (let i = 0; i + width <= value.length; i += 1) {
    const window = value.slice(i, i + width);
    if (body.includes(window) && !neutral.includes(window)) return true;
  }
  return false;
}

function withoutValues(item: CorpusItem): string {
  let text = '';
  let cursor = 0;
  for (const span of [...item.spans].sort((a, b) => a.start - b.start)) {
    text += `${item.text.slice(cursor, span.start)}\u0000`;
    cursor = span.end;
  }
  return text + item.text.slice(cursor);
}

export interface LeakReport {
  readonly values: number;
  readonly leaked: number;
  readonly rate: number;
  readonly examples: string[];
}

function report(values: number, leaked: number, examples: string[]): LeakReport {
  return { values, leaked, rate: values === 0 ? 0 : leaked / values, examples: examples.slice(0, 10) };
}

/**
 * Block mode: every request holding PII must be refused, and the refusal must not echo it (no
 * 8-character piece of a value in the error, the canary rule of the security anchors).
 */
export function measureBlockLeaks(items: readonly CorpusItem[], seed: number): LeakReport {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const config = policyFor('block');
  let values = 0;
  let leaked = 0;
  const examples: string[] = [];
  for (const item of items) {
    if (item.spans.length === 0) continue;
    const request = placeText(item.text, randomPlacement(faker));
    let outgoing: string | undefined;
    try {
      applyPiiPolicy(request, config);
    } catch (err) {
      if (isGatewayError(err) && err.status === 400) outgoing = `${err.message} ${err.param ?? ''}`;
    }
    for (const span of item.spans) {
      values += 1;
      if (outgoing === undefined || leaksInto(outgoing, span.value, '', 8)) {
        leaked += 1;
        examples.push(`${span.type} ${JSON.stringify(span.value)} in ${JSON.stringify(item.text)}`);
      }
    }
  }
  return report(values, leaked, examples);
}

/** Redact mode: no 6-character window of any value may survive in the body sent upstream. */
export function measureRedactLeaks(items: readonly CorpusItem[], seed: number): LeakReport {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed + 1);
  const config = policyFor('redact');
  let values = 0;
  let leaked = 0;
  const examples: string[] = [];
  for (const item of items) {
    if (item.spans.length === 0) continue;
    const placement = randomPlacement(faker);
    const outgoing = JSON.stringify(applyPiiPolicy(placeText(item.text, placement), config).request);
    const neutral = JSON.stringify(placeText(withoutValues(item), placement));
    for (const span of item.spans) {
      values += 1;
      if (leaksInto(outgoing, span.value, neutral)) {
        leaked += 1;
        examples.push(`${span.type} ${JSON.stringify(span.value)} in ${JSON.stringify(outgoing.slice(0, 300))}`);
      }
    }
  }
  return report(values, leaked, examples);
}

/** Corpus texts (PII and near misses mixed) joined until the prompt reaches `bytes`. */
export function buildPrompt(items: readonly CorpusItem[], bytes: number, faker: Faker): string {
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const text = faker.helpers.arrayElement(items as CorpusItem[]).text;
    parts.push(text);
    size += Buffer.byteLength(text) + 1;
  }
  return parts.join('\n').slice(0, bytes);
}

export interface LatencyReport {
  readonly bytes: number;
  readonly runs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** CPU time of this process per call: what the code costs when other processes share the cores. */
  readonly cpuP50Ms: number;
  readonly cpuP99Ms: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Prompts of the same density at every size: large ones are made of 4 KB ones, so the linearity ratio compares like with like. */
function prompts(items: readonly CorpusItem[], bytes: number, seed: number): string[] {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const unit = 4 * 1024;
  const pool = Array.from({ length: 64 }, () => buildPrompt(items, unit, faker));
  return Array.from({ length: 16 }, () => Array.from({ length: Math.max(1, Math.round(bytes / unit)) }, () => faker.helpers.arrayElement(pool)).join(''));
}

export function measureLatency(items: readonly CorpusItem[], bytes: number, runs: number, seed: number): LatencyReport {
  const texts = prompts(items, bytes, seed);
  const config = policyFor('redact', true);
  const request = (prompt: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'system' as const, content: 'You are a helpful assistant.' }, { role: 'user' as const, content: prompt }] });
  for (let i = 0; i < Math.max(50, runs / 10); i += 1) applyPiiPolicy(request(texts[i % texts.length] ?? ''), config);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const body = request(texts[i % texts.length] ?? '');
    const cpuStarted = process.cpuUsage();
    const started = process.hrtime.bigint();
    applyPiiPolicy(body, config);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    bytes, runs,
    p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), maxMs: times[times.length - 1] ?? 0,
    cpuP50Ms: percentile(cpu, 0.5), cpuP99Ms: percentile(cpu, 0.99),
  };
}

/** Inputs built to make a backtracking pattern blow up; each must scan in linear time. */
export const ADVERSARIAL_INPUTS: Readonly<Record<string, (bytes: number) => string>> = {
  'digits and spaces': (bytes) => '1 '.repeat(bytes / 2),
  'one long number': (bytes) => '4'.repeat(bytes),
  'dotted digits': (bytes) => '1.'.repeat(bytes / 2),
  'dashed digits': (bytes) => '12-'.repeat(bytes / 3),
  'at signs and dots': (bytes) => 'a.a@'.repeat(bytes / 4),
  'long local part': (bytes) => `${'a'.repeat(bytes - 10)}@b`,
  'labels without tld': (bytes) => `x@${'a1.'.repeat(bytes / 3)}`,
  'colons and hex': (bytes) => 'ab:'.repeat(bytes / 3),
  'iban-like groups': (bytes) => `DE89 ${'3704 '.repeat(bytes / 5)}`,
  'secret prefixes': (bytes) => 'sk-'.repeat(bytes / 3),
  'jwt-like': (bytes) => `eyJ${'a'.repeat(bytes / 2)}.eyJ${'b'.repeat(bytes / 2 - 10)}`,
  'pem header without end': (bytes) => `-----BEGIN PRIVATE KEY-----${'A'.repeat(bytes)}`,
  'parentheses and plus': (bytes) => '(+1) '.repeat(bytes / 5),
};

export function measureAdversarial(bytes: number): { name: string; ms: number }[] {
  const config = policyFor('redact');
  return Object.entries(ADVERSARIAL_INPUTS).map(([name, build]) => {
    const text = build(bytes);
    const started = process.hrtime.bigint();
    try {
      applyPiiPolicy({ model: 'm', messages: [{ role: 'user', content: text }] }, config);
    } catch {
      // A blocked request is still a finished scan.
    }
    return { name, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  });
}
