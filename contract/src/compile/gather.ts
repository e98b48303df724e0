// From the raw input to the check context: keep the namespace's resources, refuse the ones
// that fail the contract schema or share a kind and name, index the rest.
import type { BudgetPolicy, ModelRoute, ProviderPool, SwitchyardResource } from '../api/types.js';
import { isResourceKind, validateResource } from '../resources/validate.js';
import { finding, quote, type CheckContext } from './context.js';
import type { CompileInput, Finding, ResourceKind } from './types.js';

export interface Gathered {
  ctx: CheckContext;
  findings: Finding[];
  /** Every resource of the namespace by kind and name, accepted or not, for status. */
  present: { kind: ResourceKind; name: string }[];
  /** Every BudgetPolicy as written, valid or not (the last of duplicates), so a broken one can fail closed. */
  rawBudgets: ReadonlyMap<string, unknown>;
}

interface Entry {
  kind: ResourceKind;
  name: string;
  resource: SwitchyardResource;
}

function entriesOf(input: CompileInput): Entry[] {
  return input.resources
    .filter((resource) => typeof resource === 'object' && resource !== null && isResourceKind((resource as { kind?: unknown }).kind))
    .filter((resource) => (resource.metadata?.namespace ?? input.namespace) === input.namespace)
    .map((resource) => {
      const name: unknown = (resource as { metadata?: { name?: unknown } }).metadata?.name;
      return { kind: resource.kind, name: typeof name === 'string' ? name : '', resource };
    });
}

export function gather(input: CompileInput): Gathered {
  const entries = entriesOf(input);
  const findings: Finding[] = [];
  const rejected: Record<ResourceKind, Set<string>> = { ProviderPool: new Set(), ModelRoute: new Set(), BudgetPolicy: new Set() };
  const valid: Record<ResourceKind, Map<string, SwitchyardResource>> = { ProviderPool: new Map(), ModelRoute: new Map(), BudgetPolicy: new Map() };
  const counts = new Map<string, number>();
  for (const { kind, name } of entries) counts.set(`${kind}/${name}`, (counts.get(`${kind}/${name}`) ?? 0) + 1);
  for (const { kind, name, resource } of entries) {
    const owner = { kind, metadata: { name } };
    if ((counts.get(`${kind}/${name}`) ?? 0) > 1) {
      if (!rejected[kind].has(name)) findings.push(finding(owner, 'DuplicateName', `${kind} ${quote(name)} is defined more than once`));
      rejected[kind].add(name);
      continue;
    }
    const validation = validateResource(kind, resource);
    if (validation.ok) {
      valid[kind].set(name, resource);
    } else {
      findings.push(...validation.errors.map((error) => finding(owner, 'InvalidSpec', error)));
      rejected[kind].add(name);
    }
  }
  const ctx: CheckContext = {
    namespace: input.namespace,
    pools: valid.ProviderPool as Map<string, ProviderPool>,
    routes: valid.ModelRoute as Map<string, ModelRoute>,
    budgets: valid.BudgetPolicy as Map<string, BudgetPolicy>,
    secrets: new Map(input.secrets.map((secret) => [secret.name, new Set(secret.keys)])),
    rejected,
  };
  const present = [...counts.keys()].map((key) => {
    const slash = key.indexOf('/');
    return { kind: key.slice(0, slash) as ResourceKind, name: key.slice(slash + 1) };
  });
  const rawBudgets = new Map(entries.filter((entry) => entry.kind === 'BudgetPolicy').map((entry): [string, unknown] => [entry.name, entry.resource]));
  return { ctx, findings, present, rawBudgets };
}
