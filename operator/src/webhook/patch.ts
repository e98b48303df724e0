// buildInjectionPatch: pod + namespace labels + settings → RFC 6902 JSON Patch. Only `add`
// operations, never a replace of a whole array (other mutating webhooks may have added entries).
import type { V1Container, V1EnvVar, V1Pod } from '@kubernetes/client-node';
import { decideInjection, type InjectionDecision, type Labels } from './decide.js';
import { sidecarLabel } from './labels.js';
import type { InjectionSettings } from './settings.js';
import { buildSidecarContainer, buildSidecarVolumes } from './sidecar-container.js';

export interface PatchOperation {
  op: 'add';
  path: string;
  value: unknown;
}

export interface InjectionPatch {
  decision: InjectionDecision;
  operations: PatchOperation[];
}

/** RFC 6901: `~` and `/` inside a key are escaped. */
function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends to an array that may be absent: one `add` of the whole array, or one `add …/-` per item. */
function appendAll(path: string, existing: readonly unknown[] | undefined, items: readonly unknown[]): PatchOperation[] {
  if (items.length === 0) return [];
  if (existing === undefined) return [{ op: 'add', path, value: [...items] }];
  return items.map((value) => ({ op: 'add', path: `${path}/-`, value }));
}

/** What the OpenAI SDKs read. OPENAI_API_KEY is a placeholder: SDKs refuse to start without one. */
export function appEnvironment(settings: InjectionSettings): V1EnvVar[] {
  return [
    { name: 'OPENAI_BASE_URL', value: `http://127.0.0.1:${settings.port}/v1` },
    { name: 'OPENAI_API_KEY', value: 'switchyard' },
  ];
}

// A variable the app already sets (value or valueFrom) is left alone: the pod author's intent
// wins, and an app that must bypass the gateway can still do so explicitly.
function envOperations(container: V1Container, index: number, settings: InjectionSettings): PatchOperation[] {
  const present = new Set((container.env ?? []).map((e) => e.name));
  const missing = appEnvironment(settings).filter((e) => !present.has(e.name));
  return appendAll(`/spec/containers/${index}/env`, container.env, missing);
}

function labelOperation(pod: V1Pod): PatchOperation {
  if (pod.metadata?.labels === undefined) {
    // metadata is always present on a pod the apiserver admits (name or generateName).
    return { op: 'add', path: '/metadata/labels', value: { [sidecarLabel]: 'true' } };
  }
  return { op: 'add', path: `/metadata/labels/${pointerSegment(sidecarLabel)}`, value: 'true' };
}

// A projected ServiceAccount token needs spec.serviceAccountName. The ServiceAccount admission
// plugin sets it to "default" before mutating webhooks run, so this only matters where that plugin
// is off (the test control plane); we do what it would have done.
function serviceAccountOperations(pod: V1Pod): PatchOperation[] {
  if (pod.spec?.serviceAccountName) return [];
  return [{ op: 'add', path: '/spec/serviceAccountName', value: pod.spec?.serviceAccount || 'default' }];
}

/** Every namespace carries its own name as this label (Kubernetes ≥ 1.22). */
const namespaceNameLabel = 'kubernetes.io/metadata.name';

/**
 * The pod's namespace is read from `metadata.namespace`; the server copies it there from
 * `request.namespace`, because a pod in a CREATE review may not carry it yet.
 */
export function buildInjectionPatch(pod: V1Pod, namespaceLabels: Labels, settings: InjectionSettings): InjectionPatch {
  const namespace = pod.metadata?.namespace ?? namespaceLabels[namespaceNameLabel] ?? '';
  const decision = decideInjection(pod, namespace, namespaceLabels, settings.operatorNamespace);
  if (!decision.inject) return { decision, operations: [] };
  const spec = pod.spec;
  const sidecar = buildSidecarContainer(settings);
  // First, so the proxy is up before any other init container that calls a model.
  const sidecarOperation: PatchOperation =
    spec?.initContainers === undefined
      ? { op: 'add', path: '/spec/initContainers', value: [sidecar] }
      : { op: 'add', path: '/spec/initContainers/0', value: sidecar };
  return {
    decision,
    operations: [
      labelOperation(pod),
      ...serviceAccountOperations(pod),
      sidecarOperation,
      ...appendAll('/spec/volumes', spec?.volumes, buildSidecarVolumes(settings)),
      ...(spec?.containers ?? []).flatMap((container, index) => envOperations(container, index, settings)),
    ],
  };
}
