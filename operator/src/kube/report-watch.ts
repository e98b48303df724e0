// The replicas' sidecar reports (ConfigMaps labelled switchyard.dev/sidecar-report=true in the
// operator's namespace), watched like every other input and restarted on error.
import { CoreV1Api, makeInformer, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { REPORT_LABEL, type ReportedConfigMap } from '../channel/replica-report.js';
import { RestartingInformer } from './restart.js';

export class ReportWatch {
  private readonly informer;
  private readonly restarting: RestartingInformer<V1ConfigMap>;

  constructor(kc: KubeConfig, namespace: string, onChange: () => void, onError: (error: unknown) => void) {
    const core = kc.makeApiClient(CoreV1Api);
    const selector = `${REPORT_LABEL}=true`;
    this.informer = makeInformer<V1ConfigMap>(kc, `/api/v1/namespaces/${namespace}/configmaps`, () => core.listNamespacedConfigMap({ namespace, labelSelector: selector }), selector);
    for (const verb of ['add', 'update', 'delete'] as const) this.informer.on(verb, () => onChange());
    this.restarting = new RestartingInformer('ConfigMap(reports)', this.informer, { onError: (_name, error) => onError(error) });
  }

  reports(): ReportedConfigMap[] {
    return this.informer.list().map((cm) => ({ annotations: cm.metadata?.annotations ?? {}, data: cm.data ?? {} }));
  }

  start(): Promise<void> {
    return this.restarting.start();
  }

  stop(): Promise<void> {
    return this.restarting.stop();
  }
}
