import { describe, expect, it } from '@jest/globals';
import { checkPattern } from './check.js';

describe('checkPattern', () => {
  it.each([
    ['an email pattern whose repeated part starts with a dot', String.raw`[\w.+-]+@[\w-]+(\.[\w-]+)+`],
    ['a credit card pattern with a lazy separator', String.raw`\b(?:\d[ -]*?){13,16}\b`],
    ['a phone pattern of optional parts', String.raw`(?:\+?1[-. ]?)?\(?\d{3}\)?[-. ]?\d{3}[-. ]?\d{4}`],
    ['an IBAN pattern with an exact inner count', String.raw`[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}`],
    ['disjoint alternatives under a repeat', '(cat|dog)+'],
    ['a repeat delimited by a different character', '(a+b)+'],
    ['an optional tail that cannot restart the iteration', '(ab?)+'],
    ['a leading RE2 case-insensitive flag', String.raw`(?i)\bacct-\d{6}\b`],
    ['a named group', String.raw`(?<year>\d{4})-\d{2}`],
    ['a Unicode property outside any repeat', String.raw`\p{Lu}\d+`],
    ['a polynomial but not exponential pattern', String.raw`\d+\d+`],
  ])('accepts %s', (_sentence, pattern) => {
    expect(checkPattern(pattern)).toMatchObject({ ok: true });
  });

  it.each([
    ['a nested plus', '(a+)+', 'nested quantifier'],
    ['a nested star under an anchor', String.raw`^(\d+)*$`],
    ['identical alternatives under a star', '(a|a)*', 'alternatives'],
    ['overlapping alternatives under a star', '(a|ab)*', 'alternatives'],
    ['word-then-optional-space repeated', String.raw`(\w+\s?)*`, 'nested quantifier'],
    ['two adjacent repeats under a repeat', '(x+x+)+y', 'nested quantifier'],
    ['an optional repeated a fixed number of times', '(a?){30}a{30}', 'nested quantifier'],
    ['a wildcard inside a counted group', '(.*a){10}', 'nested quantifier'],
    ['an empty-matching body under a star', '(a?)*', 'empty'],
    ['a case-insensitive overlap', '(?i)(a|A)+', 'alternatives'],
    ['a numbered backreference', String.raw`(a)\1`, 'backreferences'],
    ['a named backreference', String.raw`(?<x>a)\k<x>`, 'backreferences'],
    ['a lookahead', 'a(?=b)', 'lookaround'],
    ['a repeat count above RE2 limits', 'a{1001}', 'above 1000'],
    ['a pattern that does not compile', '(a', 'does not compile'],
    ['an RE2-only escape', String.raw`abc\z`, 'does not compile'],
    ['an empty pattern', '', 'empty'],
  ])('refuses %s', (_sentence, pattern, because = '') => {
    const result = checkPattern(pattern);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(because);
  });
});
