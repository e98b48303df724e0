// One namespace's compile: the namespace-wide verdict (status, route memory) and one config per
// workload, with invalid routes' last valid forms carried forward. Pure: the caller gathered
// the inputs.
import { compile, validateSidecarConfig, type CompileResult, type ModelRoute, type SidecarConfig, type SwitchyardResource } from '@switchyard/contract';
import type { SecretData } from '../kube/port.js';
import { carryForward } from './carry.js';
import { updateMemory, type RememberedRoute } from './route-memory.js';
import type { Workload } from './workloads.js';

export interface NamespaceInput {
  readonly namespace: string;
  readonly resources: readonly SwitchyardResource[];
  readonly secrets: readonly SecretData[];
  readonly workloads: readonly Workload[];
  readonly memory: ReadonlyMap<string, RememberedRoute>;
}

export interface WorkloadConfig {
  readonly workload: Workload;
  /** Null when compile could not produce one; the previous snapshot stays. */
  readonly config: SidecarConfig | null;
  readonly credentials: Readonly<Record<string, string>>;
  readonly errors: readonly string[];
}

export interface NamespaceCompile {
  readonly verdict: CompileResult;
  readonly memory: Map<string, RememberedRoute>;
  /** Routes that exist but were left out of the config. */
  readonly leftOut: ReadonlySet<string>;
  readonly workloads: readonly WorkloadConfig[];
}

function credentialsFor(config: SidecarConfig, secrets: readonly SecretData[]): Record<string, string> {
  const byName = new Map(secrets.map((secret) => [secret.name, secret]));
  const entries = config.secretRefs.flatMap(({ secret, key }): [string, string][] => {
    const data = byName.get(secret)?.data;
    return data !== undefined && Object.hasOwn(data, key) ? [[`${secret}/${key}`, data[key]!]] : [];
  });
  return Object.fromEntries(entries);
}

export function compileNamespace(input: NamespaceInput): NamespaceCompile {
  const secretKeys = input.secrets.map((secret) => ({ name: secret.name, keys: Object.keys(secret.data).sort() }));
  const base = { namespace: input.namespace, resources: [...input.resources], secrets: secretKeys };
  const verdict = compile(base);
  const routes = input.resources.filter((resource): resource is ModelRoute => resource.kind === 'ModelRoute');
  const memory = updateMemory(input.memory, verdict.config, routes);
  const compiled = new Set(verdict.config?.routes.map((route) => route.name) ?? []);
  const leftOut = new Set(routes.map((route) => route.metadata.name).filter((name) => !compiled.has(name)));
  const workloads = input.workloads.map((workload): WorkloadConfig => {
    const result = compile({ ...base, workload: { name: workload.name, labels: { ...workload.labels } } });
    if (result.config === null) return { workload, config: null, credentials: {}, errors: result.errors };
    const carried = carryForward(result.config, memory, leftOut, workload.labels);
    // Memory may come from a ConfigMap; a merge that does not validate is not sent.
    const config = carried === result.config || validateSidecarConfig(carried).ok ? carried : result.config;
    return { workload, config, credentials: credentialsFor(config, input.secrets), errors: [] };
  });
  return { verdict, memory, leftOut, workloads };
}
