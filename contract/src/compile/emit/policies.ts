// Data policy, PII and logging: what a route may send where, and what it may keep.
import type { DataPolicy, LoggingPolicy, PiiPolicy } from '../../api/types.js';
import type { DataPolicyConfig, LoggingConfig, PiiConfig } from '../../config/types.js';
import { DEFAULT_LOGGED_FIELDS, DEFAULT_SECRET_KEY } from '../defaults.js';
import { byKey } from '../order.js';
import { resolveDataClasses } from '../resolve/data-classes.js';
import type { ResolvedBackend } from '../resolve/targets.js';
import { compiledPattern } from './semantic.js';
import { headerName, unitInterval } from './values.js';

export function emitDataPolicy(policy: DataPolicy | undefined, backends: readonly ResolvedBackend[]): DataPolicyConfig | null {
  if (!policy) return null;
  const { classes, defaultClass } = resolveDataClasses(policy, backends);
  return {
    classes,
    defaultClass,
    classHeader: policy.classHeader === undefined ? null : headerName(policy.classHeader),
    piiDetectedClass: policy.piiDetectedClass ?? null,
  };
}

export function emitPii(pii: PiiPolicy | undefined): PiiConfig | null {
  if (!pii) return null;
  return {
    entities: pii.entities.map(({ type, action }) => ({ type, action })).sort(byKey((entity) => entity.type)),
    custom: (pii.custom ?? [])
      .map((custom) => ({ name: custom.name, pattern: compiledPattern(custom.pattern), action: custom.action }))
      .sort(byKey((custom) => custom.name)),
    restoreInResponse: pii.restoreInResponse === true,
  };
}

export function emitLogging(logging: LoggingPolicy | undefined): LoggingConfig {
  const declared = (logging?.fields ?? []).map(({ field, action }) => ({ field, action }));
  const defaults = DEFAULT_LOGGED_FIELDS.filter((fallback) => !declared.some((field) => field.field === fallback.field));
  const hashKey = logging?.hashKeySecretRef;
  return {
    fields: [...declared, ...defaults].sort(byKey((field) => field.field)),
    sampleRate: logging?.sampleRate === undefined ? 0 : unitInterval(logging.sampleRate),
    sink: logging?.sink ?? 'stdout',
    hashKey: hashKey ? { secret: hashKey.name, key: hashKey.key ?? DEFAULT_SECRET_KEY } : null,
  };
}
