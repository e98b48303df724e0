import type { ModelRoute } from '../../api/types.js';
import { finding, quote, type Check } from '../context.js';
import { checkPattern } from '../pattern/check.js';

function patterns(route: ModelRoute): [string, string][] {
  return [
    ...(route.spec.semantic?.rules ?? []).flatMap((rule): [string, string][] =>
      rule.when.pattern === undefined ? [] : [[`rule ${quote(rule.name)}`, rule.when.pattern]]),
    ...(route.spec.pii?.custom ?? []).map((custom): [string, string] => [`custom PII pattern ${quote(custom.name)}`, custom.pattern]),
  ];
}

/** Patterns compile, are RE2-compatible and cannot backtrack catastrophically. */
export const patternsSafe: Check = (ctx) => [...ctx.routes.values()].flatMap((route) => patterns(route).flatMap(([where, text]) => {
  const result = checkPattern(text);
  return result.ok ? [] : [finding(route, 'UnsafePattern', `${where}: pattern ${quote(text)} is refused because ${result.reason}`)];
}));
