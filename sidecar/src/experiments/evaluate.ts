// Evaluators that need no model: an expected substring, or valid JSON. Each returns a score in
// [0, 1], or null when the answer cannot be judged fairly (it was cut short), because a made-up
// score would skew the comparison.

import type { EvaluatorConfig } from '@switchyard/contract';
import type { AnswerText } from './answer-text.js';

/** @example scoreAnswer({ type: 'expected-answer', expectContains: 'Paris', judgeTarget: null }, answer) // 1 */
export function scoreAnswer(evaluator: EvaluatorConfig, answer: AnswerText): number | null {
  switch (evaluator.type) {
    case 'expected-answer': {
      const found = answer.text.toLowerCase().includes((evaluator.expectContains ?? '').toLowerCase());
      if (found) return 1;
      return answer.truncated ? null : 0;
    }
    case 'json-valid':
      return answer.truncated ? null : parsesAsJson(answer.text) ? 1 : 0;
    case 'judge':
      return null;
  }
}

function parsesAsJson(text: string): boolean {
  if (text.trim() === '') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A judge's reply → its score: the first number in it, when that number is within [0, 1]. A reply
 * with no such number is a failed evaluation, not a zero.
 *
 * @example judgeScoreOf('0.8') // 0.8
 * @example judgeScoreOf('Score: 7/10') // null
 */
export function judgeScoreOf(reply: string): number | null {
  const match = /(\d+(?:\.\d+)?|\.\d+)(\s*\/)?/.exec(reply);
  // "7/10" is on another scale than the one asked for; better no score than a misread one.
  if (match === null || match[2] !== undefined) return null;
  const score = Number(match[1]);
  return Number.isFinite(score) && score >= 0 && score <= 1 ? score : null;
}
