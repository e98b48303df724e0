import type { Span } from '../entities.js';
import type { Candidate, ShapeDetector } from './shape.js';

// Credential formats with a fixed, documented prefix, from each vendor's key format:
// OpenAI (sk-, sk-proj-, sk-svcacct-), Anthropic (sk-ant-api03-), Google API keys (AIza + 35),
// GitHub (ghp_/gho_/ghu_/ghs_/ghr_ + 36, github_pat_), Slack (xoxb-/xoxp-/xoxa-/xoxr-/xoxs-,
// xapp-), AWS access key ids (AKIA/ASIA + 16), GitLab (glpat- + 20), Stripe (sk_/rk_ live/test),
// Hugging Face (hf_ + 34), npm (npm_ + 36), JWTs (base64url JSON header and payload), PEM keys.
// Each is looked up by its literal prefix (indexOf is far cheaper than a regex alternation tried
// at every position), then matched in full where the prefix occurs.
const FORMATS: readonly (readonly [string, RegExp])[] = [
  ['sk-', /sk-[A-Za-z0-9_-]{20,}/y],
  ['AIza', /AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/y],
  ['gh', /gh[pousr]_[A-Za-z0-9]{36,255}/y],
  ['github_pat_', /github_pat_[A-Za-z0-9_]{22,255}/y],
  ['xox', /xox[abposr]-[A-Za-z0-9-]{10,}/y],
  ['xapp-', /xapp-[A-Za-z0-9-]{10,}/y],
  ['AKIA', /AKIA[A-Z0-9]{16}(?![A-Za-z0-9])/y],
  ['ASIA', /ASIA[A-Z0-9]{16}(?![A-Za-z0-9])/y],
  ['glpat-', /glpat-[A-Za-z0-9_-]{20,}/y],
  ['k_live_', /[rs]k_live_[A-Za-z0-9]{16,}/y],
  ['k_test_', /[rs]k_test_[A-Za-z0-9]{16,}/y],
  ['hf_', /hf_[A-Za-z0-9]{34}(?![A-Za-z0-9])/y],
  ['npm_', /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/y],
  ['eyJ', /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/y],
  ['-----BEGIN ', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]{0,8192}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/y],
];

/** How far before the literal prefix the key starts ("sk_live_" is found by "k_live_"). */
function patternStart(prefix: string): number {
  return prefix.startsWith('k_') ? 1 : 0;
}

const KEY_CHAR = /[A-Za-z0-9_-]/;

function findSecrets(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const [prefix, pattern] of FORMATS) {
    for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + prefix.length)) {
      const start = at - patternStart(prefix);
      if (start < 0 || (start > 0 && KEY_CHAR.test(text[start - 1] ?? ''))) continue;
      pattern.lastIndex = start;
      const match = pattern.exec(text);
      if (match !== null) candidates.push({ start, end: start + match[0].length });
    }
  }
  return candidates;
}

export const secretDetector: ShapeDetector = {
  name: 'secret',
  mayOccur: () => true,
  find: findSecrets,
  confirm: (text, start, end): Span[] => {
    const candidate = text.slice(start, end);
    // "sk-" also starts prose and slugs (sk-learn-compatible-…); real keys mix digits and letters.
    if (candidate.startsWith('sk-') && !(/[0-9]/.test(candidate.slice(3)) && /[A-Za-z]/.test(candidate.slice(3)))) return [];
    return [{ kind: 'secret', start, end }];
  },
};
