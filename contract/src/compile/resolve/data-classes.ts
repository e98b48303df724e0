// A route's data policy → for each class, the route's endpoints allowed to serve it.
import type { DataClassPolicy, DataPolicy, PoolEndpoint } from '../../api/types.js';
import { quote } from '../context.js';
import { DEFAULT_DATA_CLASS } from '../defaults.js';
import { byKey } from '../order.js';
import type { ResolvedBackend } from './targets.js';

export interface ResolvedDataClasses {
  /** Sorted by name; an unrestricted "public" class is added when it is the implicit default. */
  classes: { name: string; endpointIds: string[] }[];
  defaultClass: string;
  /** Messages for names that point at no class. */
  missingClasses: string[];
}

/** An absent list does not restrict; an empty allowedJurisdictions allows nowhere. */
function isEligible(endpoint: PoolEndpoint, policy: DataClassPolicy): boolean {
  const jurisdictionOk = policy.allowedJurisdictions === undefined
    || (endpoint.jurisdiction !== undefined && policy.allowedJurisdictions.includes(endpoint.jurisdiction));
  const tags = endpoint.complianceTags ?? [];
  return jurisdictionOk && (policy.requiredComplianceTags ?? []).every((tag) => tags.includes(tag));
}

export function resolveDataClasses(policy: DataPolicy, backends: readonly ResolvedBackend[]): ResolvedDataClasses {
  const endpoints = new Map(backends.map((backend) => [backend.endpointId, backend.endpoint]));
  const ids = [...endpoints.keys()].sort();
  const classes = policy.classes.map((dataClass) => ({
    name: dataClass.name,
    endpointIds: ids.filter((id) => isEligible(endpoints.get(id)!, dataClass)),
  }));
  const defaultClass = policy.defaultClass ?? DEFAULT_DATA_CLASS;
  const names = new Set(classes.map((dataClass) => dataClass.name));
  if (policy.defaultClass === undefined && !names.has(DEFAULT_DATA_CLASS)) {
    classes.push({ name: DEFAULT_DATA_CLASS, endpointIds: ids });
    names.add(DEFAULT_DATA_CLASS);
  }
  const missingClasses: string[] = [];
  if (!names.has(defaultClass)) missingClasses.push(`defaultClass ${quote(defaultClass)} is not a class of the data policy`);
  if (policy.piiDetectedClass !== undefined && !names.has(policy.piiDetectedClass)) {
    missingClasses.push(`piiDetectedClass ${quote(policy.piiDetectedClass)} is not a class of the data policy`);
  }
  classes.sort(byKey((dataClass) => dataClass.name));
  return { classes, defaultClass, missingClasses };
}
