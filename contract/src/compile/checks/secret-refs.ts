// Shared by the pool and route checks that follow Secret references.
import type { SecretKeyRef } from '../../api/types.js';
import { finding, quote, type CheckContext, type Named } from '../context.js';
import { DEFAULT_SECRET_KEY } from '../defaults.js';
import type { Finding } from '../types.js';

export function secretRefFindings(ctx: CheckContext, owner: Named, where: string, ref: SecretKeyRef): Finding[] {
  const keys = ctx.secrets.get(ref.name);
  const key = ref.key ?? DEFAULT_SECRET_KEY;
  if (!keys) return [finding(owner, 'SecretNotFound', `${where}: Secret ${quote(ref.name)} not found in namespace ${quote(ctx.namespace)}`)];
  if (!keys.has(key)) return [finding(owner, 'SecretKeyNotFound', `${where}: Secret ${quote(ref.name)} has no key ${quote(key)}`)];
  return [];
}
