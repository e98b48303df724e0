// kind: Secret documents in standalone files. Values stay here, with the caller that loads them;
// compile only ever sees names and key names (see secretKeysOf).

export interface ParsedSecret {
  name: string;
  namespace?: string;
  /** Key → decoded value; stringData wins over data for the same key, as in Kubernetes. */
  data: Record<string, string>;
}

export type SecretParse = { ok: true; secret: ParsedSecret } | { ok: false; errors: string[] };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeEntries(field: 'data' | 'stringData', value: unknown, label: string, errors: string[]): [string, string][] {
  if (value === undefined) return [];
  if (!isRecord(value)) {
    errors.push(`${label} ${field}: must be a mapping`);
    return [];
  }
  return Object.entries(value).flatMap(([key, raw]): [string, string][] => {
    if (typeof raw !== 'string') {
      errors.push(`${label} ${field}.${key}: must be string`);
      return [];
    }
    if (field === 'stringData') return [[key, raw]];
    const compact = raw.replace(/\s+/g, '');
    if (!BASE64.test(compact)) {
      errors.push(`${label} data.${key}: must be base64`);
      return [];
    }
    return [[key, Buffer.from(compact, 'base64').toString('utf8')]];
  });
}

export function parseSecret(document: Record<string, unknown>): SecretParse {
  const metadata = isRecord(document['metadata']) ? document['metadata'] : {};
  const name = metadata['name'];
  const namespace = metadata['namespace'];
  const label = `secret/${typeof name === 'string' ? name : '<unnamed>'}`;
  const errors: string[] = [];
  if (typeof name !== 'string' || name === '') errors.push(`${label} metadata.name: is required`);
  if (namespace !== undefined && typeof namespace !== 'string') errors.push(`${label} metadata.namespace: must be string`);
  const entries = [
    ...decodeEntries('data', document['data'], label, errors),
    ...decodeEntries('stringData', document['stringData'], label, errors),
  ];
  if (errors.length > 0) return { ok: false, errors };
  const secret: ParsedSecret = { name: name as string, data: Object.fromEntries(entries) };
  if (typeof namespace === 'string') secret.namespace = namespace;
  return { ok: true, secret };
}

/**
 * The part of parsed Secrets compile may see: names and key names of one namespace (a Secret
 * without a namespace counts as in it).
 *
 * @example
 * compile({ namespace, resources, secrets: secretKeysOf(parsed.secrets, namespace) })
 */
export function secretKeysOf(secrets: readonly ParsedSecret[], namespace: string): { name: string; keys: string[] }[] {
  return secrets
    .filter((secret) => (secret.namespace ?? namespace) === namespace)
    .map((secret) => ({ name: secret.name, keys: Object.keys(secret.data).sort() }));
}
