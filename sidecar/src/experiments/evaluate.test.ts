import { describe, expect, it } from '@jest/globals';
import type { EvaluatorConfig } from '@switchyard/contract';
import { AnswerText, MAX_ANSWER_CHARS } from './answer-text.js';
import { judgeScoreOf, scoreAnswer } from './evaluate.js';

const expected = (text: string): EvaluatorConfig => ({ type: 'expected-answer', expectContains: text, judgeTarget: null });
const jsonValid: EvaluatorConfig = { type: 'json-valid', expectContains: null, judgeTarget: null };

function answer(...pieces: string[]): AnswerText {
  const text = new AnswerText();
  for (const piece of pieces) text.add(piece);
  return text;
}

describe('scoreAnswer', () => {
  it.each([
    ['an answer containing the expected text in another case', expected('paris'), answer('The capital is ', 'PARIS.'), 1],
    ['an answer lacking it', expected('Paris'), answer('The capital is Lyon.'), 0],
    ['a JSON object assembled from pieces', jsonValid, answer('{"city":', ' "Paris"}'), 1],
    ['JSON with surrounding whitespace', jsonValid, answer('\n [1, 2]\n'), 1],
    ['prose where JSON was asked for', jsonValid, answer('Sure! {"city": "Paris"}'), 0],
    ['an empty answer where JSON was asked for', jsonValid, answer(''), 0],
  ])('scores %s', (_name, evaluator, text, score) => {
    expect(scoreAnswer(evaluator, text)).toBe(score);
  });

  it('gives no score to an answer cut at the cap, unless the expected text is already in it', () => {
    const long = answer('x'.repeat(MAX_ANSWER_CHARS), 'Paris');
    expect(long.truncated).toBe(true);
    expect(scoreAnswer(jsonValid, long)).toBeNull();
    expect(scoreAnswer(expected('Paris'), long)).toBeNull();
    expect(scoreAnswer(expected('xxx'), long)).toBe(1);
  });
});

describe('judgeScoreOf', () => {
  it.each([
    ['a bare score', '0.8', 0.8],
    ['a score with words around it', 'Score: 1\nThe answer is right.', 1],
    ['zero', '0', 0],
    ['a leading dot', '.75', 0.75],
  ])('reads %s', (_name, reply, score) => {
    expect(judgeScoreOf(reply)).toBe(score);
  });

  it.each([
    ['a reply without a number', 'Looks good to me.'],
    ['a score on another scale', '7/10'],
    ['a number above 1', '8'],
  ])('gives no score for %s', (_name, reply) => {
    expect(judgeScoreOf(reply)).toBeNull();
  });
});
