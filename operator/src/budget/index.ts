// Budgets in the operator: the ledger (ConfigMaps in the state namespace, or this process's
// memory without one), the usage shards, the channel service and the leader's status writer.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Registry } from 'prom-client';
import type { SidecarHub } from '../channel/hub.js';
import type { ClusterView } from '../kube/informers.js';
import type { KubePort } from '../kube/port.js';
import type { Logger } from '../log.js';
import { AccountStore } from './accounts.js';
import { ConfigMapDocuments, type DocumentStore } from './documents.js';
import { MemoryDocuments } from './memory-documents.js';
import { budgetMetrics } from './metrics.js';
import { BudgetService } from './service.js';
import { BudgetStatus } from './status.js';
import { UsageStore } from './usage-store.js';

export { BudgetService } from './service.js';
export { UsageStore } from './usage-store.js';
export { AccountStore } from './accounts.js';

export interface BudgetsOptions {
  readonly kubeConfig: KubeConfig;
  /** Where ledgers and usage live; none: in this process only (a single replica, tests). */
  readonly stateNamespace: string | undefined;
  readonly hub: SidecarHub;
  readonly port: KubePort;
  readonly view: ClusterView;
  readonly isLeader: () => boolean;
  readonly namespaces: () => string[];
  readonly registry: Registry;
  readonly log: Logger;
}

export interface Budgets {
  readonly service: BudgetService;
  readonly usage: UsageStore;
  readonly accounts: AccountStore;
  stop(): Promise<void>;
}

export function startBudgets(options: BudgetsOptions): Budgets {
  const documents: DocumentStore = options.stateNamespace === undefined
    ? new MemoryDocuments() : new ConfigMapDocuments(options.kubeConfig, options.stateNamespace);
  const accounts = new AccountStore(documents);
  const usage = new UsageStore(documents);
  const status = new BudgetStatus({
    accounts, view: options.view, port: options.port, isLeader: options.isLeader, namespaces: options.namespaces,
    metrics: budgetMetrics(options.registry), log: options.log,
  });
  const service = new BudgetService({
    accounts, usage, hub: options.hub, port: options.port, log: options.log,
    onChange: () => status.changed(),
    budgetUid: (namespace, name) => options.view.resources(namespace).find((resource) => resource.kind === 'BudgetPolicy' && resource.metadata.name === name)?.metadata.uid,
  });
  return { service, usage, accounts, stop: () => status.stop() };
}
