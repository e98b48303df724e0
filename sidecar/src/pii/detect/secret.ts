import type { Span } from '../entities.js';
import type { ShapeDetector } from './shape.js';

// Credential formats with a fixed, documented prefix, from each vendor's key format:
// OpenAI (sk-, sk-proj-), Anthropic (sk-ant-api03-), Google API keys (AIza + 35), GitHub
// (ghp_/gho_/ghu_/ghs_/ghr_ + 36, github_pat_), Slack (xoxb-/xoxp-/xoxa-/xoxr-/xoxs-, xapp-),
// AWS access key ids (AKIA/ASIA + 16), GitLab (glpat- + 20), Stripe (sk_/rk_ live/test),
// Hugging Face (hf_ + 34), npm (npm_ + 36), JWTs (base64url JSON header and payload), PEM keys.
const FORMATS = [
  String.raw`sk-[A-Za-z0-9_\-]{20,}`,
  String.raw`AIza[0-9A-Za-z_\-]{35}(?![A-Za-z0-9_\-])`,
  String.raw`gh[pousr]_[A-Za-z0-9]{36,255}`,
  String.raw`github_pat_[A-Za-z0-9_]{22,255}`,
  String.raw`(?:xox[abposr]|xapp)-[A-Za-z0-9\-]{10,}`,
  String.raw`(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])`,
  String.raw`glpat-[A-Za-z0-9_\-]{20,}`,
  String.raw`[rs]k_(?:live|test)_[A-Za-z0-9]{16,}`,
  String.raw`hf_[A-Za-z0-9]{34}(?![A-Za-z0-9])`,
  String.raw`npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])`,
  String.raw`eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*`,
  String.raw`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]{0,8192}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----`,
];

export const secretDetector: ShapeDetector = {
  name: 'secret',
  source: `(?<secret>(?<![A-Za-z0-9_\\-])(?:${FORMATS.join('|')}))`,
  confirm: (text, start, end): Span[] => {
    const candidate = text.slice(start, end);
    // "sk-" also starts prose and slugs (sk-learn-compatible-…); real keys mix digits and letters.
    if (candidate.startsWith('sk-') && !(/[0-9]/.test(candidate.slice(3)) && /[A-Za-z]/.test(candidate.slice(3)))) return [];
    return [{ kind: 'secret', start, end }];
  },
};
