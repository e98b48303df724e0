// Parts of the provider contract split out to keep contract.suite.ts readable (test support).

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { toGatewayError, toOpenAIError } from '../errors/index.js';
import type { Target } from './adapter.js';
import type { ProviderContract } from './contract.suite.js';
import { casesWithSuffix, deepFreeze, expectGolden, fixturePath } from './golden.js';

// Fixed clock for HTTP-date Retry-After values in error fixtures.
export const CONTRACT_NOW_MS = Date.UTC(2026, 0, 1);

const KEY_LIKE = /\bsk-[A-Za-z0-9]{6,}|\bAIza[0-9A-Za-z_-]{10,}/;

/** Goldens for one-shot translations of an upstream JSON body (replies). */
export function describeTranslation(
  contract: ProviderContract,
  inputSuffix: string,
  goldenSuffix: string,
  translate: (body: unknown) => unknown,
): void {
  const { fixtures } = contract;
  // The embeddings reply has its own test (contract.suite.ts, describeEmbeddings).
  const rows = casesWithSuffix(fixtures, `.${inputSuffix}`).filter((name) => name !== 'embeddings');
  if (rows.length === 0) return;
  describe('replies', () => {
    it.each(rows)(
      "translates the '%s' reply as its golden shows, twice, without mutating it",
      (name) => {
        const body = deepFreeze(JSON.parse(readFileSync(fixturePath(fixtures, `${name}.${inputSuffix}`), 'utf8')) as unknown);
        const first = outcomeOf(() => translate(body));
        expect(outcomeOf(() => translate(body))).toEqual(first);
        expectGolden(fixturePath(fixtures, `${name}.${goldenSuffix}`), `${JSON.stringify(first, null, 2)}\n`);
      },
    );
  });
}

interface ErrorFixture {
  status: number;
  headers?: Record<string, string>;
  /** A string is the raw body text; anything else is sent as JSON. */
  body: unknown;
}

export function describeErrors(contract: ProviderContract): void {
  const { adapter, target, fixtures } = contract;
  const rows = casesWithSuffix(fixtures, '.upstream-error.json');
  if (rows.length === 0) return;
  describe('errors', () => {
    it.each(rows)(
      "classifies the '%s' upstream error and maps it to the OpenAI error its golden shows",
      (name) => {
        const fixture = JSON.parse(readFileSync(fixturePath(fixtures, `${name}.upstream-error.json`), 'utf8')) as ErrorFixture;
        const bodyText = typeof fixture.body === 'string' ? fixture.body : JSON.stringify(fixture.body);
        const options = { nowMs: CONTRACT_NOW_MS, secrets: secretsOf(target) };
        const classification = adapter.classifyError(fixture.status, new Headers(fixture.headers ?? {}), bodyText, options);
        const client = toOpenAIError(toGatewayError(classification));
        const clientText = JSON.stringify(client);
        if (target.apiKey !== '') expect(clientText).not.toContain(target.apiKey);
        expect(clientText).not.toMatch(KEY_LIKE);
        expectGolden(fixturePath(fixtures, `${name}.error.golden.json`), `${JSON.stringify({ classification, client }, null, 2)}\n`);
      },
    );
  });
}

function secretsOf(target: Target): string[] {
  return target.apiKey === '' ? [] : [target.apiKey];
}

function outcomeOf(run: () => unknown): unknown {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    const fields = err as Error & { code?: unknown };
    return { thrown: { name: err.name, code: fields.code, message: err.message } };
  }
}
