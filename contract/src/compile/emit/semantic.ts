import type { ModelRoute, SemanticRule } from '../../api/types.js';
import { trainIntentModel } from '../../classifier/train.js';
import type { PatternConfig, RuleConfig, SemanticConfig } from '../../config/types.js';
import { DEFAULT_MIN_CONFIDENCE, DEFAULT_OVERRIDE_HEADER } from '../defaults.js';
import { byKey, sortedUnique } from '../order.js';
import { checkPattern } from '../pattern/check.js';
import { intentTargets } from '../resolve/route-targets.js';
import { headerName, unitInterval } from './values.js';

export function compiledPattern(text: string): PatternConfig {
  const checked = checkPattern(text);
  if (!checked.ok) throw new Error(`unreachable: patternsSafe admitted ${JSON.stringify(text)}`);
  return checked.pattern;
}

function ruleOf(rule: SemanticRule): RuleConfig {
  const when = rule.when;
  return {
    name: rule.name,
    target: rule.target,
    when: {
      languages: sortedUnique((when.languages ?? []).map((language) => language.toLowerCase())),
      modalities: [...new Set(when.modalities ?? [])].sort(),
      minPromptTokens: when.minPromptTokens ?? null,
      maxPromptTokens: when.maxPromptTokens ?? null,
      keywords: sortedUnique((when.keywords ?? []).map((keyword) => keyword.toLowerCase())),
      pattern: when.pattern === undefined ? null : compiledPattern(when.pattern),
      needsTools: when.needsTools === true,
      needsJsonSchema: when.needsJsonSchema === true,
    },
  };
}

export function emitSemantic(route: ModelRoute): SemanticConfig | null {
  const semantic = route.spec.semantic;
  if (!semantic) return null;
  const intents = semantic.intents ?? [];
  return {
    rules: (semantic.rules ?? []).map(ruleOf),
    intents: intents
      .map((intent) => ({ name: intent.name, requiredTier: intent.requiredTier, targets: intentTargets(route, intent) }))
      .sort(byKey((intent) => intent.name)),
    model: intents.length === 0 ? null : trainIntentModel(intents),
    minConfidence: semantic.minConfidence === undefined ? DEFAULT_MIN_CONFIDENCE : unitInterval(semantic.minConfidence),
    override: semantic.override?.enabled ? { header: headerName(semantic.override.header ?? DEFAULT_OVERRIDE_HEADER) } : null,
  };
}
