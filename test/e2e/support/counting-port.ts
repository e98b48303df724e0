// The operator's real KubePort, counting status writes, so a suite can tell which replica wrote.
import type { KubeConfig } from '@kubernetes/client-node';
import { ClientPort } from '../../../operator/src/kube/client-port.js';
import type { ObjectRef } from '../../../operator/src/kube/port.js';

export class CountingPort extends ClientPort {
  statusWrites = 0;

  constructor(kc: KubeConfig) {
    super(kc);
  }

  override async patchStatus(ref: ObjectRef, status: Readonly<Record<string, unknown>>): Promise<string> {
    this.statusWrites += 1;
    return super.patchStatus(ref, status);
  }
}
