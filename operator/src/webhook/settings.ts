// What the injector needs to know about the sidecar it injects. The chart sets these as
// environment variables on the operator container (charts/switchyard/templates/deployment.yaml).
export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

export interface ResourceList {
  cpu?: string;
  memory?: string;
}

export interface InjectionSettings {
  image: string;
  imagePullPolicy: PullPolicy;
  /** The operator's channel endpoint, e.g. https://switchyard.switchyard-system.svc:9443. */
  operatorUrl: string;
  /** Never injected: the operator must not depend on itself to start. */
  operatorNamespace: string;
  /** ConfigMap (key ca.crt) the operator keeps in every namespace that has injected pods. */
  caConfigMapName: string;
  /** Data plane, bound to 127.0.0.1 inside the pod; apps reach it through OPENAI_BASE_URL. */
  port: number;
  /** Probes and metrics; must be reachable from the kubelet, so not loopback-only. */
  adminPort: number;
  runAsUser: number;
  tokenAudience: string;
  tokenExpirationSeconds: number;
  resources: { requests: ResourceList; limits: ResourceList };
}

export const defaultInjectionSettings: InjectionSettings = {
  image: 'switchyard/switchyard:0.1.0',
  imagePullPolicy: 'IfNotPresent',
  operatorUrl: 'https://switchyard.switchyard-system.svc:9443',
  operatorNamespace: 'switchyard-system',
  caConfigMapName: 'switchyard-ca',
  port: 9680,
  adminPort: 9681,
  runAsUser: 65532,
  tokenAudience: 'switchyard',
  tokenExpirationSeconds: 3600,
  resources: { requests: { cpu: '50m', memory: '96Mi' }, limits: { cpu: '1', memory: '384Mi' } },
};

export class InjectionSettingsError extends Error {
  override readonly name = 'InjectionSettingsError';
}

type Env = Readonly<Record<string, string | undefined>>;

function portFrom(env: Env, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InjectionSettingsError(`${key} must be a port number, got "${raw}"`);
  return port;
}

function pullPolicyFrom(env: Env, fallback: PullPolicy): PullPolicy {
  const raw = env.SWITCHYARD_SIDECAR_IMAGE_PULL_POLICY;
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'Always' || raw === 'IfNotPresent' || raw === 'Never') return raw;
  throw new InjectionSettingsError(`SWITCHYARD_SIDECAR_IMAGE_PULL_POLICY must be Always, IfNotPresent or Never, got "${raw}"`);
}

function resourceListFrom(value: unknown, key: string): ResourceList {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null) throw new InjectionSettingsError(`${key} must be an object`);
  const list: ResourceList = {};
  for (const [name, quantity] of Object.entries(value)) {
    if ((name !== 'cpu' && name !== 'memory') || typeof quantity !== 'string') {
      throw new InjectionSettingsError(`${key} accepts only cpu and memory as strings, got ${name}`);
    }
    list[name] = quantity;
  }
  return list;
}

function resourcesFrom(env: Env, fallback: InjectionSettings['resources']): InjectionSettings['resources'] {
  const raw = env.SWITCHYARD_SIDECAR_RESOURCES;
  if (raw === undefined || raw === '') return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new InjectionSettingsError('SWITCHYARD_SIDECAR_RESOURCES must be JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) throw new InjectionSettingsError('SWITCHYARD_SIDECAR_RESOURCES must be an object');
  const { requests, limits } = parsed as { requests?: unknown; limits?: unknown };
  return { requests: resourceListFrom(requests, 'resources.requests'), limits: resourceListFrom(limits, 'resources.limits') };
}

/** Reads the SWITCHYARD_* variables the chart sets; anything unset keeps its default. */
export function injectionSettingsFromEnv(env: Env, defaults: InjectionSettings = defaultInjectionSettings): InjectionSettings {
  const text = (key: string, fallback: string): string => (env[key] === undefined || env[key] === '' ? fallback : (env[key] ?? fallback));
  const runAsUser = Number(text('SWITCHYARD_SIDECAR_RUN_AS_USER', String(defaults.runAsUser)));
  if (!Number.isInteger(runAsUser) || runAsUser < 1) throw new InjectionSettingsError('SWITCHYARD_SIDECAR_RUN_AS_USER must be a non-zero uid');
  return {
    image: text('SWITCHYARD_SIDECAR_IMAGE', defaults.image),
    imagePullPolicy: pullPolicyFrom(env, defaults.imagePullPolicy),
    operatorUrl: text('SWITCHYARD_OPERATOR_URL', defaults.operatorUrl),
    operatorNamespace: text('SWITCHYARD_OPERATOR_NAMESPACE', defaults.operatorNamespace),
    caConfigMapName: text('SWITCHYARD_CA_CONFIGMAP', defaults.caConfigMapName),
    port: portFrom(env, 'SWITCHYARD_SIDECAR_PORT', defaults.port),
    adminPort: portFrom(env, 'SWITCHYARD_SIDECAR_ADMIN_PORT', defaults.adminPort),
    runAsUser,
    tokenAudience: text('SWITCHYARD_TOKEN_AUDIENCE', defaults.tokenAudience),
    tokenExpirationSeconds: defaults.tokenExpirationSeconds,
    resources: resourcesFrom(env, defaults.resources),
  };
}
