// Which keeper serves a sidecar's requests. A sidecar's Resilience outlives every config swap,
// so it identifies the sidecar (several run in one process in tests). Cluster mode binds an
// operator-mode keeper before the first config loads (channel/run.ts); a sidecar with none bound
// (standalone) gets a local keeper on first use.
import type { Runtime } from '../config/runtime.js';
import { BudgetKeeper } from './keeper.js';

type SidecarIdentity = Runtime['resilience'];

const keepers = new WeakMap<SidecarIdentity, BudgetKeeper>();

export function bindKeeper(identity: SidecarIdentity, keeper: BudgetKeeper): void {
  keepers.set(identity, keeper);
}

export function keeperOf(runtime: Runtime): BudgetKeeper {
  let keeper = keepers.get(runtime.resilience);
  if (keeper === undefined) {
    keeper = new BudgetKeeper({ mode: 'local', pod: 'standalone' });
    keepers.set(runtime.resilience, keeper);
  }
  return keeper;
}
