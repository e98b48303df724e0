// Route memory (route-memory.ts) outlives the operator process: the leader keeps each
// namespace's last valid route forms in a ConfigMap in the operator's namespace, and a starting
// operator reads it before its first compile of that namespace. Without this, an operator
// restarted while a route is invalid would drop the route from every sidecar.
import type { KubePort } from '../kube/port.js';
import type { RememberedRoute } from './route-memory.js';

const DATA_KEY = 'routes.json';
const MEMORY_LABEL = 'switchyard.dev/route-memory';

export interface MemoryStore {
  load(namespace: string): Promise<Map<string, RememberedRoute>>;
  save(namespace: string, memory: ReadonlyMap<string, RememberedRoute>): Promise<void>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Entries that do not look like ours are dropped; a carried config is validated again anyway. */
export function decodeMemory(text: string | undefined): Map<string, RememberedRoute> {
  const memory = new Map<string, RememberedRoute>();
  if (text === undefined) return memory;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return memory;
  }
  for (const entry of Array.isArray(parsed) ? parsed : []) {
    const fields = record(entry);
    const route = record(fields?.['route']);
    if (fields === undefined || route === undefined || typeof route['name'] !== 'string' || !Array.isArray(fields['endpoints']) || typeof fields['hash'] !== 'string') continue;
    memory.set(route['name'], entry as RememberedRoute);
  }
  return memory;
}

export function encodeMemory(memory: ReadonlyMap<string, RememberedRoute>): string {
  return JSON.stringify([...memory.values()]);
}

export class ConfigMapMemoryStore implements MemoryStore {
  private readonly saved = new Map<string, string>();

  constructor(private readonly port: KubePort, private readonly operatorNamespace: string) {}

  async load(namespace: string): Promise<Map<string, RememberedRoute>> {
    const data = await this.port.readConfigMap(this.operatorNamespace, nameOf(namespace));
    const text = data?.[DATA_KEY];
    if (text !== undefined) this.saved.set(namespace, text);
    return decodeMemory(text);
  }

  async save(namespace: string, memory: ReadonlyMap<string, RememberedRoute>): Promise<void> {
    const text = encodeMemory(memory);
    if (this.saved.get(namespace) === text) return;
    if (memory.size === 0) await this.port.deleteConfigMap(this.operatorNamespace, nameOf(namespace));
    else {
      await this.port.applyConfigMap({
        namespace: this.operatorNamespace, name: nameOf(namespace), labels: { [MEMORY_LABEL]: 'true' },
        annotations: { 'switchyard.dev/namespace': namespace }, data: { [DATA_KEY]: text },
      });
    }
    this.saved.set(namespace, text);
  }
}

function nameOf(namespace: string): string {
  return `switchyard-routes-${namespace}`;
}
