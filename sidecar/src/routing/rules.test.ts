import { describe, expect, it } from '@jest/globals';
import type { RuleConditionConfig } from '@switchyard/contract';
import { compileRules, ruleMatches } from './rules.js';
import type { RequestSignals } from './signals.js';

const NO_CONDITION: RuleConditionConfig = {
  languages: [], modalities: [], minPromptTokens: null, maxPromptTokens: null, keywords: [], pattern: null,
  needsTools: false, needsJsonSchema: false,
};

const SIGNALS: RequestSignals = {
  useCase: undefined, override: undefined, dataClass: undefined,
  text: 'Please review this Invoice #123', lowerText: 'please review this invoice #123',
  language: { language: null, script: 'latin' }, modalities: { image: 1, audio: 0 },
  promptTokens: 5000, outputTokens: null, needsTools: true, needsJsonSchema: false, intent: null,
};

function matches(when: Partial<RuleConditionConfig>, signals: Partial<RequestSignals> = {}): boolean {
  const [rule] = compileRules([{ name: 'r', target: 't', when: { ...NO_CONDITION, ...when } }]);
  return ruleMatches(rule!, { ...SIGNALS, ...signals });
}

describe('ruleMatches', () => {
  it.each<[string, Partial<RuleConditionConfig>, Partial<RequestSignals>, boolean]>([
    ['a rule with no condition matches everything', {}, {}, true],
    ['one listed modality present suffices', { modalities: ['audio', 'image'] }, {}, true],
    ['a modality the request lacks fails', { modalities: ['audio'] }, {}, false],
    ['a language given by script matches', { languages: ['latin'] }, {}, true],
    ['another language fails', { languages: ['zh'] }, {}, false],
    ['a prompt above minPromptTokens matches', { minPromptTokens: 4000 }, {}, true],
    ['a prompt below minPromptTokens fails', { minPromptTokens: 6000 }, {}, false],
    ['a prompt above maxPromptTokens fails', { maxPromptTokens: 4999 }, {}, false],
    ['any keyword matches, case-insensitively', { keywords: ['contract', 'invoice'] }, {}, true],
    ['no keyword present fails', { keywords: ['contract'] }, {}, false],
    ['a pattern is tested on the last user turn', { pattern: { source: 'invoice #\\d+', flags: 'iu' } }, {}, true],
    ['a case-sensitive pattern respects case', { pattern: { source: 'invoice', flags: 'u' } }, {}, false],
    ['needsTools holds when tools are sent', { needsTools: true }, {}, true],
    ['needsJsonSchema fails without a schema', { needsJsonSchema: true }, {}, false],
    ['every set condition must hold', { modalities: ['image'], minPromptTokens: 9000 }, {}, false],
    ['conditions read the signals given', { minPromptTokens: 9000 }, { promptTokens: 10_000 }, true],
  ])('%s', (_sentence, when, signals, expected) => {
    expect(matches(when, signals)).toBe(expected);
  });
});
