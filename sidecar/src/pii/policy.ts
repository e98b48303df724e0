import type { PiiConfig } from '@switchyard/contract';
import { compileCustom, type CustomDetector } from './detect/custom.js';
import { customKind, type EntityKind, type PiiAction } from './entities.js';

/** A route's PII settings, ready to scan with: actions by kind, custom patterns compiled once. */
export interface PiiPolicy {
  readonly actions: ReadonlyMap<EntityKind, PiiAction>;
  readonly custom: readonly CustomDetector[];
  readonly restoreInResponse: boolean;
}

// Configs are immutable snapshots; compiling once per snapshot keeps RegExp construction off
// the request path.
const compiled = new WeakMap<PiiConfig, PiiPolicy>();

export function compilePiiPolicy(config: PiiConfig): PiiPolicy {
  const cached = compiled.get(config);
  if (cached) return cached;
  const actions = new Map<EntityKind, PiiAction>();
  for (const entity of config.entities) actions.set(entity.type, entity.action);
  for (const custom of config.custom) actions.set(customKind(custom.name), custom.action);
  const policy: PiiPolicy = {
    actions,
    custom: config.custom.map((custom) => compileCustom(custom.name, custom.pattern)),
    restoreInResponse: config.restoreInResponse,
  };
  compiled.set(config, policy);
  return policy;
}
