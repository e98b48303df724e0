import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { PiiConfig } from '@switchyard/contract';
import { GatewayError } from '../errors/index.js';
import { toOpenAIError } from '../errors/to-openai.js';
import type { ChatCompletionRequest, EmbeddingsRequest } from '../openai/index.js';
import { PLACEMENTS, placeText } from '../../../bench/pii/requests.js';
import { applyPiiPolicy } from './apply.js';
import { restoreText } from './restore.js';

const ALL_TYPES = ['credit-card', 'email', 'iban', 'ipv4', 'ipv6', 'phone', 'secret', 'us-ssn'] as const;

function config(action: 'redact' | 'block' | 'allow', restoreInResponse = true, custom: PiiConfig['custom'] = []): PiiConfig {
  return { entities: ALL_TYPES.map((type) => ({ type, action })), custom, restoreInResponse };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const PII_TEXT = 'Mail ann@example.com, card 4111 1111 1111 1111, again ann@example.com, then bob@example.org.';

describe('applyPiiPolicy in redact mode', () => {
  it('replaces values by typed placeholders, the same value by the same placeholder', () => {
    const { request, detections } = applyPiiPolicy({ model: 'm', messages: [{ role: 'user', content: PII_TEXT }] }, config('redact'));
    expect(request.messages[0]?.content).toBe('Mail [EMAIL_1], card [CREDIT_CARD_1], again [EMAIL_1], then [EMAIL_2].');
    expect(detections).toEqual([
      { type: 'credit-card', action: 'redact', count: 1 },
      { type: 'email', action: 'redact', count: 3 },
    ]);
  });

  it('keeps placeholders stable across the fields of one request', () => {
    const input: ChatCompletionRequest = {
      model: 'm',
      messages: [
        { role: 'system', content: 'Customer: ann@example.com' },
        { role: 'user', content: [{ type: 'text', text: 'I am ann@example.com' }] },
      ],
    };
    const { request } = applyPiiPolicy(input, config('redact'));
    expect(JSON.stringify(request)).not.toContain('ann@example.com');
    expect(request.messages.map((message) => JSON.stringify(message.content))).toEqual(['"Customer: [EMAIL_1]"', '[{"type":"text","text":"I am [EMAIL_1]"}]']);
  });

  it.each(PLACEMENTS.map((placement) => [`finds PII placed in the ${placement} field`, placement] as const))('%s', (_name, placement) => {
    const input = deepFreeze(placeText(PII_TEXT, placement));
    const before = JSON.stringify(input);
    const outcome = applyPiiPolicy(input, config('redact'));
    const sent = JSON.stringify(outcome.request);
    expect(sent).not.toContain('ann@example.com');
    expect(sent).not.toContain('4111 1111 1111 1111');
    expect(JSON.stringify(input)).toBe(before);
    expect(outcome.request).not.toBe(input);
  });

  it('rewrites tool-call arguments as JSON and scans their decoded strings', () => {
    const input: ChatCompletionRequest = {
      model: 'm',
      messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{"note":"line\\nann@example.com","n":[1,"10.0.0.1"]}' } }] }],
    };
    const { request } = applyPiiPolicy(input, config('redact'));
    const message = request.messages[0];
    const args = message?.role === 'assistant' ? message.tool_calls?.[0]?.function.arguments : undefined;
    expect(JSON.parse(args ?? 'null')).toEqual({ note: 'line\n[EMAIL_1]', n: [1, '[IPV4_1]'] });
  });

  it('redacts text inputs of an embeddings request and leaves token inputs alone', () => {
    const text = applyPiiPolicy<EmbeddingsRequest>({ model: 'e', input: ['hi', 'ann@example.com'] }, config('redact'));
    const tokens = applyPiiPolicy<EmbeddingsRequest>({ model: 'e', input: [[1, 2, 3]] }, config('redact'));
    expect(text.request.input).toEqual(['hi', '[EMAIL_1]']);
    expect(tokens.request.input).toEqual([[1, 2, 3]]);
  });

  it('returns the input itself, and no restorer, when nothing is redacted', () => {
    const input: ChatCompletionRequest = { model: 'm', messages: [{ role: 'user', content: 'nothing here' }] };
    const outcome = applyPiiPolicy(input, config('redact'));
    expect(outcome.request).toBe(input);
    expect(outcome.restorer).toBeUndefined();
  });

  it('gives a restorer only when the route restores values', () => {
    const input: ChatCompletionRequest = { model: 'm', messages: [{ role: 'user', content: PII_TEXT }] };
    expect(applyPiiPolicy(input, config('redact', false)).restorer).toBeUndefined();
    expect(applyPiiPolicy(input, config('redact', true)).restorer?.restoreText('Hi [EMAIL_2]')).toBe('Hi bob@example.org');
  });

  it('never hands out a placeholder the request already contains literally', () => {
    const { request, restorer } = applyPiiPolicy({ model: 'm', messages: [{ role: 'user', content: 'Keep [EMAIL_1] as is; mail ann@example.com' }] }, config('redact'));
    expect(request.messages[0]?.content).toBe('Keep [EMAIL_1] as is; mail [EMAIL_2]');
    expect(restorer?.restoreText(String(request.messages[0]?.content))).toBe('Keep [EMAIL_1] as is; mail ann@example.com');
  });

  it('redacts custom route entities with placeholders named after them', () => {
    const custom = [{ name: 'employee-id', pattern: { source: 'EMP-[0-9]{6}', flags: 'u' as const }, action: 'redact' as const }];
    const { request } = applyPiiPolicy({ model: 'm', messages: [{ role: 'user', content: 'badge EMP-123456' }] }, config('allow', false, custom));
    expect(request.messages[0]?.content).toBe('badge [EMPLOYEE_ID_1]');
  });

  it('counts allowed kinds without changing the text, and ignores kinds the route does not name', () => {
    const only: PiiConfig = { entities: [{ type: 'email', action: 'allow' }], custom: [], restoreInResponse: false };
    const input: ChatCompletionRequest = { model: 'm', messages: [{ role: 'user', content: PII_TEXT }] };
    const outcome = applyPiiPolicy(input, only);
    expect(outcome.request).toBe(input);
    expect(outcome.detections).toEqual([{ type: 'email', action: 'allow', count: 3 }]);
  });

  it('restores exactly the original text after redaction (property)', () => {
    const piece = fc.constantFrom(
      'ann@example.com', 'bob.smith+x@mail.example.org', '4111 1111 1111 1111', 'DE89 3704 0044 0532 0130 00', '123-45-6789',
      '10.0.0.1', '2001:db8::1', '+1 555 123 4567', 'sk-proj-abc123DEF456ghi789JKL012', ' ', ', ', 'text', '[EMAIL_1]', '[', ']', '\n',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const outcome = applyPiiPolicy({ model: 'm', messages: [{ role: 'user', content: text }] }, config('redact'));
        const sent = String(outcome.request.messages[0]?.content);
        expect(outcome.restorer ? outcome.restorer.restoreText(sent) : sent).toBe(text);
        expect(restoreText(sent, new Map())).toBe(sent);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('applyPiiPolicy in block mode', () => {
  it('throws a 400 that names the entity types and never the values', () => {
    const input: ChatCompletionRequest = { model: 'm', messages: [{ role: 'user', content: PII_TEXT }] };
    let thrown: unknown;
    try {
      applyPiiPolicy(input, config('block'));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    const response = toOpenAIError(thrown);
    expect(response.status).toBe(400);
    expect(response.headers['x-should-retry']).toBe('false');
    expect(response.body.error.param).toBe('messages');
    expect(response.body.error.message).toContain('credit-card, email');
    expect(JSON.stringify(response)).not.toMatch(/ann@|4111|example\.org/);
  });

  it('blocks when any one kind is set to block, even if others are redacted', () => {
    const mixed: PiiConfig = { entities: [{ type: 'email', action: 'redact' }, { type: 'ipv4', action: 'block' }], custom: [], restoreInResponse: false };
    expect(() => applyPiiPolicy<EmbeddingsRequest>({ model: 'e', input: 'a@b.io from 10.0.0.1' }, mixed)).toThrow(/ipv4/);
  });
});
