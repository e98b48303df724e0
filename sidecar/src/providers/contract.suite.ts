// The contract every provider adapter runs (test support; imported only by *.test.ts).
// Inputs are fixtures we wrote in each provider's real shapes and quirks; outputs are goldens.
//   <case>.request.json          canonical request (shared ones in fixtures/requests/)
//     → <case>.upstream-request.golden.json
//   <case>.upstream-response.json → <case>.response.golden.json
//   <case>.upstream-stream.{sse,json,ndjson} → <case>.stream.golden.sse
//   <case>.upstream-error.json   {status, headers, body} → <case>.error.golden.json
// Every fixture found is run, so a provider's extra cases are just more files.

import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isRecord } from '../openai/index.js';
import type { ChatCompletionRequest, EmbeddingsRequest, StreamContext } from '../openai/index.js';
import { decodeUpstreamStream, type StreamFraming } from '../sse/index.js';
import type { ProviderAdapter, Target } from './adapter.js';
import { describeErrors, describeTranslation } from './contract-parts.js';
import { casesWithSuffix, deepFreeze, expectGolden, fixturePath, readJsonFile } from './golden.js';
import { replayEvents, replayStream, splitsOf } from './stream-replay.js';

export const CONTRACT_CASES = {
  request: ['text', 'system-prompt', 'multi-turn', 'images', 'tools', 'tool-results', 'stream'],
  response: ['text', 'tools', 'usage'],
  stream: ['stream-text', 'stream-tool-calls'],
  error: ['error-400', 'error-401', 'error-429', 'error-500', 'error-overloaded', 'context-length'],
} as const;

export type ContractKind = keyof typeof CONTRACT_CASES;

export interface ContractSkip {
  readonly reason: string;
  /** Qualified by kind, since kinds share names: 'response:text', 'error:error-429'. */
  readonly cases: readonly `${ContractKind}:${string}`[];
}

export interface ProviderContract {
  readonly name: string;
  readonly adapter: ProviderAdapter;
  readonly target: Target;
  /** Absolute path of the provider's fixtures folder. */
  readonly fixtures: string;
  readonly skip?: readonly ContractSkip[];
}

export const SHARED_REQUESTS = fileURLToPath(new URL('./fixtures/requests/', import.meta.url));
const STREAM_SUFFIXES: readonly (readonly [string, StreamFraming])[] = [
  ['.upstream-stream.sse', 'sse'],
  ['.upstream-stream.json', 'json-array'],
  ['.upstream-stream.ndjson', 'ndjson'],
];

export function contractContext(target: Target, includeUsage = true): StreamContext {
  return { requestId: 'req_contract', created: 1767225600, model: target.model, includeUsage };
}

export function runProviderContract(contract: ProviderContract): void {
  describe(`${contract.name} provider contract`, () => {
    describeRequiredCases(contract);
    describeRequests(contract);
    describeTranslation(contract, 'upstream-response.json', 'response.golden.json', (body) =>
      contract.adapter.fromUpstreamResponse(body, contractContext(contract.target)),
    );
    describeStreams(contract);
    describeErrors(contract);
    describeEmbeddings(contract);
  });
}

function describeRequiredCases({ fixtures, skip = [] }: ProviderContract): void {
  const inputs: Record<string, (name: string) => boolean> = {
    request: (name) => existsSync(fixturePath(SHARED_REQUESTS, `${name}.request.json`)),
    response: (name) => existsSync(fixturePath(fixtures, `${name}.upstream-response.json`)),
    stream: (name) => STREAM_SUFFIXES.some(([suffix]) => existsSync(fixturePath(fixtures, `${name}${suffix}`))),
    error: (name) => existsSync(fixturePath(fixtures, `${name}.upstream-error.json`)),
  };
  describe('required cases', () => {
    for (const [kind, names] of Object.entries(CONTRACT_CASES)) {
      for (const name of names) {
        const skipped = skip.find((entry) => entry.cases.some((qualified) => qualified === `${kind}:${name}`));
        if (skipped !== undefined) it.skip(`skips the ${kind} case '${name}': ${skipped.reason}`, () => undefined);
        else it(`has an input fixture for the ${kind} case '${name}'`, () => expect(inputs[kind]?.(name)).toBe(true));
      }
    }
  });
}

function describeRequests(contract: ProviderContract): void {
  const { adapter, target, fixtures } = contract;
  const shared = casesWithSuffix(SHARED_REQUESTS, '.request.json').filter((name) => name !== 'embeddings');
  const own = casesWithSuffix(fixtures, '.request.json');
  const rows = [...shared.map((name) => [name, SHARED_REQUESTS] as const), ...own.map((name) => [name, fixtures] as const)];
  describe('requests', () => {
    it.each(rows)("translates the '%s' request as its golden shows, twice, without mutating it", (name, dir) => {
      const request = deepFreeze(readJsonFile(fixturePath(dir, `${name}.request.json`))) as ChatCompletionRequest;
      const frozenTarget = deepFreeze({ ...target });
      const first = captureOutcome(() => upstreamView(adapter.toUpstreamRequest(request, frozenTarget)));
      expect(captureOutcome(() => upstreamView(adapter.toUpstreamRequest(request, frozenTarget)))).toEqual(first);
      expectGolden(fixturePath(fixtures, `${name}.upstream-request.golden.json`), `${JSON.stringify(first, null, 2)}\n`);
    });
  });
}

function describeStreams(contract: ProviderContract): void {
  const { adapter, target, fixtures } = contract;
  const rows = STREAM_SUFFIXES.flatMap(([suffix, framing]) =>
    casesWithSuffix(fixtures, suffix).map((name) => [name, framing, fixturePath(fixtures, `${name}${suffix}`)] as const),
  );
  if (rows.length === 0) return;
  describe('streams', () => {
    it.each(rows)("translates the '%s' stream (%s) as its golden shows", (name, framing, path) => {
      const whole = replayStream(adapter, contractContext(target), framing, [readFileSync(path)]);
      expectGolden(fixturePath(fixtures, `${name}.stream.golden.sse`), whole);
    });
    it.each(rows)("gives the same '%s' output (%s) for every split of the upstream bytes", (_name, framing, path) => {
      const bytes = new Uint8Array(readFileSync(path));
      const whole = replayStream(adapter, contractContext(target), framing, [bytes]);
      const differing = splitsOf(bytes).find((split) => replayStream(adapter, contractContext(target), framing, split.pieces) !== whole);
      expect(differing?.name).toBeUndefined();
    });
    it.each(rows)("drops only the usage chunk from '%s' (%s) when the client did not ask for usage", (_name, framing, path) => {
      const bytes = readFileSync(path);
      const withUsage = replayStream(adapter, contractContext(target, true), framing, [bytes]);
      const withoutUsage = replayStream(adapter, contractContext(target, false), framing, [bytes]);
      expect(withoutUsage).toBe(withoutUsageFrames(withUsage));
    });
    it.each(rows)("translates the '%s' events (%s) the same way twice without mutating them", (_name, framing, path) => {
      const bytes = readFileSync(path);
      const whole = replayStream(adapter, contractContext(target), framing, [bytes]);
      const events = captureOutcome(() => deepFreeze(decodeUpstreamStream(framing, [bytes])));
      if (!Array.isArray(events)) return expect(whole).toMatch(/^data: \{"error"/m);
      const first = replayEvents(adapter, contractContext(target), events);
      expect(replayEvents(adapter, contractContext(target), events)).toBe(first);
      expect(first).toBe(whole);
    });
  });
}

function describeEmbeddings(contract: ProviderContract): void {
  const { adapter, target, fixtures } = contract;
  const embeddings = adapter.embeddings;
  describe('embeddings', () => {
    if (embeddings === undefined) {
      it('declares that it has no embeddings endpoint', () => expect(adapter.embeddings).toBeUndefined());
      return;
    }
    it('translates the embeddings request and reply as their goldens show', () => {
      const request = deepFreeze(readJsonFile(fixturePath(SHARED_REQUESTS, 'embeddings.request.json'))) as EmbeddingsRequest;
      const upstream = upstreamView(embeddings.toUpstreamRequest(request, target));
      expectGolden(fixturePath(fixtures, 'embeddings.upstream-request.golden.json'), `${JSON.stringify(upstream, null, 2)}\n`);
      const body = deepFreeze(readJsonFile(fixturePath(fixtures, 'embeddings.upstream-response.json')));
      const response = embeddings.fromUpstreamResponse(body, request, contractContext(target));
      expectGolden(fixturePath(fixtures, 'embeddings.response.golden.json'), `${JSON.stringify(response, null, 2)}\n`);
    });
  });
}

/** The upstream request with its body parsed, for readable goldens. */
export function upstreamView(request: { url: string; method: string; headers: Readonly<Record<string, string>>; body: string }): unknown {
  return { url: request.url, method: request.method, headers: request.headers, body: JSON.parse(request.body) as unknown };
}

/** A thrown GatewayError is a legitimate outcome for some fixtures; record it instead. */
export function captureOutcome<T>(run: () => T): T | { thrown: { name: string; code: unknown; message: string; param: unknown } } {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    const fields = err as Error & { code?: unknown; param?: unknown };
    return { thrown: { name: err.name, code: fields.code, message: err.message, param: fields.param } };
  }
}

function withoutUsageFrames(sse: string): string {
  const frames = sse.split('\n\n').filter((frame) => frame !== '');
  const kept = frames.filter((frame) => {
    const data = frame.startsWith('data: {') ? (JSON.parse(frame.slice(6)) as unknown) : undefined;
    return !(isRecord(data) && Array.isArray(data.choices) && data.choices.length === 0 && data.usage !== undefined);
  });
  return kept.map((frame) => `${frame}\n\n`).join('');
}
