import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { restoreText } from './restore.js';
import { createStreamRestorer } from './stream-restorer.js';

const VALUES = new Map([
  ['[EMAIL_1]', 'ann@example.com'],
  ['[EMAIL_12]', 'bob@example.org'],
  ['[PHONE_1]', '+1 555 123 4567'],
  ['[CREDIT_CARD_1]', '4111 1111 1111 1111'],
]);

const FIXTURE = 'Mail [EMAIL_1] or [EMAIL_12], not [EMAIL_2]; call [PHONE_1]. Card [CREDIT_CARD_1][EMAIL_1] [[EMAIL_1]] [EMAIL_ [PHONE_1';

function streamed(pieces: readonly string[]): string {
  const restorer = createStreamRestorer(VALUES);
  return pieces.map((piece) => restorer.push(piece)).join('') + restorer.flush();
}

describe('createStreamRestorer', () => {
  it('restores the fixture split at every position exactly as a whole-text restore', () => {
    const whole = restoreText(FIXTURE, VALUES);
    for (let cut = 0; cut <= FIXTURE.length; cut += 1) {
      expect(streamed([FIXTURE.slice(0, cut), FIXTURE.slice(cut)])).toBe(whole);
    }
  });

  it('restores the fixture fed one character at a time', () => {
    expect(streamed([...FIXTURE])).toBe(restoreText(FIXTURE, VALUES));
  });

  it('equals the whole-text restore for any split of any text (property)', () => {
    const pieces = fc.constantFrom('[', ']', '_', '1', '2', 'EMAIL', 'PHONE', '[EMAIL_1]', '[EMAIL_12]', '[PHONE_1]', ' ', 'text', '[EMAIL_');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.array(fc.nat(400), { maxLength: 8 }), (parts, cuts) => {
        const text = parts.join('');
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((from, i) => text.slice(from, [...points, text.length][i]));
        expect(streamed(chunks)).toBe(restoreText(text, VALUES));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['holds back only a tail that can still become a placeholder', 'Hello [EMA', 'Hello '],
    ['releases a bracket that can no longer become a placeholder', 'Hello [EMX', 'Hello [EMX'],
    ['releases a complete placeholder at once', 'to [EMAIL_1]', 'to ann@example.com'],
    ['holds a placeholder that may still grow a digit', 'to [EMAIL_1', 'to '],
    ['keeps an unknown placeholder as written', 'to [EMAIL_3]', 'to [EMAIL_3]'],
  ])('%s', (_name, piece, sent) => {
    expect(createStreamRestorer(VALUES).push(piece)).toBe(sent);
  });

  it('escapes restored values for the inside of a JSON string when asked', () => {
    const restorer = createStreamRestorer(new Map([['[NOTE_1]', 'say "hi"\\']]), 'json-string');
    expect(restorer.push('{"note":"[NOTE_') + restorer.push('1]"}') + restorer.flush()).toBe('{"note":"say \\"hi\\"\\\\"}');
  });
});
