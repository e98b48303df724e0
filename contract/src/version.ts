// The config version is a content hash: equal content gives an equal version whatever order the
// input came in, and any change gives a new one. node:crypto is deterministic and does no I/O.
import { createHash } from 'node:crypto';
import type { SidecarConfig } from './config/types.js';

/**
 * JSON with object keys sorted at every level; `undefined` members are dropped as JSON does.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not representable in JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: a ${typeof value} is not representable in JSON`);
}

/**
 * `sha256:<first 16 hex>` of the canonical JSON of the config without its `version` field.
 *
 * @example
 * computeConfigVersion(config) // 'sha256:3f2a9c0d41b7e655'
 */
export function computeConfigVersion(config: Omit<SidecarConfig, 'version'> | SidecarConfig): string {
  const { version: _ignored, ...content } = config as SidecarConfig;
  const digest = createHash('sha256').update(canonicalJson(content)).digest('hex');
  return `sha256:${digest.slice(0, 16)}`;
}

/** The config with its version set from its content. */
export function withConfigVersion(content: Omit<SidecarConfig, 'version'>): SidecarConfig {
  const { schemaVersion, ...rest } = content;
  return { schemaVersion, version: computeConfigVersion(content), ...rest };
}
