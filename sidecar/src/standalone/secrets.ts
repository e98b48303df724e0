// Credential values for a standalone sidecar. A Secret document in the files supplies them; a
// value written `${NAME}` comes from that environment variable; a Secret the resources reference
// but the files lack comes from SWITCHYARD_SECRET_<SECRET>_<KEY> (upper case, other characters
// as `_`). Values stay in memory; problems name variables and keys, never values.

import type { ParsedSecret, SwitchyardResource } from '@switchyard/contract';
import { credentialKey } from '../config/credentials.js';

/** The key a SecretKeyRef means when it names none (the CRD default). */
const DEFAULT_SECRET_KEY = 'apiKey';
const ENV_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

export type Env = Readonly<Record<string, string | undefined>>;

export interface ResolvedSecrets {
  /** Names and key names, for compile. */
  readonly keys: { name: string; keys: string[] }[];
  /** `<secret>/<key>` → value. */
  readonly values: Record<string, string>;
  readonly problems: string[];
}

/** @example envNameFor('openai-credentials', 'apiKey') // 'SWITCHYARD_SECRET_OPENAI_CREDENTIALS_APIKEY' */
export function envNameFor(secret: string, key: string): string {
  const mangle = (text: string): string => text.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `SWITCHYARD_SECRET_${mangle(secret)}_${mangle(key)}`;
}

export function resolveSecrets(resources: readonly SwitchyardResource[], parsed: readonly ParsedSecret[], namespace: string, env: Env): ResolvedSecrets {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const local = parsed.filter((candidate) => (candidate.namespace ?? namespace) === namespace);
  for (const secret of local) {
    for (const [key, raw] of Object.entries(secret.data)) {
      const value = expand(raw, env);
      if (value === undefined) problems.push(`secret/${secret.name} ${key}: environment variable ${raw.slice(2, -1)} is not set`);
      else values[credentialKey({ secret: secret.name, key })] = value;
    }
  }
  for (const ref of referencedSecrets(resources)) {
    const id = credentialKey(ref);
    if (Object.hasOwn(values, id) || local.some((secret) => secret.name === ref.secret)) continue;
    const fromEnv = env[envNameFor(ref.secret, ref.key)];
    if (fromEnv !== undefined) values[id] = fromEnv;
    else problems.push(`secret/${ref.secret} ${ref.key}: not in the files, and ${envNameFor(ref.secret, ref.key)} is not set`);
  }
  return { keys: keysOf(values), values, problems };
}

function expand(raw: string, env: Env): string | undefined {
  const name = ENV_REFERENCE.exec(raw)?.[1];
  return name === undefined ? raw : env[name];
}

function referencedSecrets(resources: readonly SwitchyardResource[]): { secret: string; key: string }[] {
  return resources.flatMap((resource) => {
    const refs = resource.kind === 'ProviderPool'
      ? resource.spec.endpoints.map((endpoint) => endpoint.credentials?.secretRef)
      : resource.kind === 'ModelRoute' ? [resource.spec.logging?.hashKeySecretRef] : [];
    return refs.flatMap((ref) => (ref === undefined ? [] : [{ secret: ref.name, key: ref.key ?? DEFAULT_SECRET_KEY }]));
  });
}

function keysOf(values: Readonly<Record<string, string>>): { name: string; keys: string[] }[] {
  const byName = new Map<string, string[]>();
  for (const id of Object.keys(values)) {
    const slash = id.indexOf('/');
    const name = id.slice(0, slash);
    byName.set(name, [...(byName.get(name) ?? []), id.slice(slash + 1)]);
  }
  return [...byName].map(([name, keys]) => ({ name, keys: keys.sort() }));
}
