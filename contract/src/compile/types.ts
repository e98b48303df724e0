// What compile takes and returns. The input is a snapshot the caller gathered (operator:
// informer caches; standalone: parsed files); compile itself does no I/O.
import type { SwitchyardResource } from '../api/types.js';
import type { SidecarConfig } from '../config/types.js';
import type { FindingReason } from './reasons.js';

export interface CompileInput {
  namespace: string;
  /** Compile for this workload: routes whose workloadSelector does not match are left out. */
  workload?: { name: string; labels: Record<string, string> };
  /** Resources from other namespaces are ignored; ones without a namespace count as this one. */
  resources: SwitchyardResource[];
  /** Secrets of the namespace by name and key names; never values. */
  secrets: { name: string; keys: string[] }[];
}

import type { ResourceKind } from '../resources/validate.js';

export type { ResourceKind };
export type ConditionType = 'ResolvedRefs' | 'Accepted' | 'Ready';

export interface Finding {
  kind: ResourceKind;
  name: string;
  type: ConditionType;
  reason: FindingReason;
  message: string;
}

export interface ResourceCondition {
  type: ConditionType;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/** The verdict on one resource, for the operator to write as status conditions. */
export interface ResourceStatus {
  kind: ResourceKind;
  name: string;
  /** ResolvedRefs, Accepted, Ready, in that order. */
  conditions: ResourceCondition[];
}

export interface CompileResult {
  /** Null only when `errors` is not empty. */
  config: SidecarConfig | null;
  /** Sorted by kind, name, type, reason, message. */
  findings: Finding[];
  /** One entry per resource of the namespace, sorted by kind and name. */
  resourceStatus: ResourceStatus[];
  /** Problems with the input as a whole (an invalid namespace); empty normally. */
  errors: string[];
}
