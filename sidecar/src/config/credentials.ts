// Credential values as the operator's snapshot frame carries them: `<secret>/<key>` → value.
// They live only in memory (in the runtime's adapter targets) and are never logged or persisted.

import type { SecretRef } from '@switchyard/contract';

export type Credentials = Readonly<Record<string, string>>;

/** @example credentialKey({ secret: 'openai', key: 'apiKey' }) // 'openai/apiKey' */
export function credentialKey(ref: SecretRef): string {
  return `${ref.secret}/${ref.key}`;
}

export function credentialOf(credentials: Credentials, ref: SecretRef): string | undefined {
  const key = credentialKey(ref);
  return Object.hasOwn(credentials, key) ? credentials[key] : undefined;
}

/** References the config makes whose values are not among the credentials. */
export function missingCredentials(refs: readonly SecretRef[], credentials: Credentials): string[] {
  return refs.filter((ref) => credentialOf(credentials, ref) === undefined).map(credentialKey);
}
