// The check a sidecar runs on every config it receives or loads from disk. The schema check is
// ajv code generated at build time from ./schema.ts (ADR 0007): compiling it at run time cost a
// sidecar most of its cold start.
import { sidecarConfigValidator } from '../generated-validators/sidecar-config.js';
import { formatSchemaErrors } from '../schema/errors.js';
import { computeConfigVersion } from '../version.js';
import type { SidecarConfig } from './types.js';

export type ConfigValidation = { ok: true; config: SidecarConfig } | { ok: false; errors: string[] };

/**
 * Checks a document against the sidecar config JSON Schema, then checks that its `version`
 * is the hash of its content (a config edited after compile is refused).
 *
 * @example
 * const result = validateSidecarConfig(JSON.parse(body));
 * if (!result.ok) nack(result.errors);
 */
export function validateSidecarConfig(document: unknown): ConfigValidation {
  if (!sidecarConfigValidator(document)) return { ok: false, errors: formatSchemaErrors(sidecarConfigValidator.errors) };
  const config = document as SidecarConfig;
  const expected = computeConfigVersion(config);
  if (config.version !== expected) {
    return { ok: false, errors: [`version: ${config.version} does not match the content (${expected})`] };
  }
  return { ok: true, config };
}
