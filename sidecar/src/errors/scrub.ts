// Provider error messages are relayed to clients, so anything that looks like a credential is
// cut out first. Providers do echo keys: OpenAI masks most of the key but keeps a prefix, and
// proxies in front of self-hosted models sometimes echo headers verbatim.

const SECRET_REWRITES: readonly (readonly [RegExp, string])[] = [
  [/\bsk-[A-Za-z0-9_*-]{6,}/g, '[REDACTED]'],
  [/\bAIza[0-9A-Za-z_-]{10,}/g, '[REDACTED]'],
  [/\bBearer\s+[A-Za-z0-9._~+/=*-]+/gi, 'Bearer [REDACTED]'],
  [/\b(x-api-key|api-key|x-goog-api-key|authorization)(["']?\s*[:=]\s*["']?)(?!Bearer\b|\[REDACTED\])[^\s"',;]+/gi, '$1$2[REDACTED]'],
  [/([?&]key=)[^&\s"']+/gi, '$1[REDACTED]'],
];

const MAX_MESSAGE_LENGTH = 1000;

/** Removes key-like substrings (and the exact secrets given) from text meant for a client. */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret.length >= 8) scrubbed = scrubbed.split(secret).join('[REDACTED]');
  }
  for (const [pattern, replacement] of SECRET_REWRITES) scrubbed = scrubbed.replace(pattern, replacement);
  return scrubbed.length > MAX_MESSAGE_LENGTH ? `${scrubbed.slice(0, MAX_MESSAGE_LENGTH)}…` : scrubbed;
}
