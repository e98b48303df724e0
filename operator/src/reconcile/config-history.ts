// Route hashes of the configs the operator published, by config version, so a sidecar's
// running version (from an ack, or its hello after an operator restart) tells which routes it
// runs in their current form. Versions are content hashes, so one table serves all namespaces.
import type { SidecarConfig } from '@switchyard/contract';
import { endpointsOfRoute, routeHash } from './route-memory.js';

export class ConfigHistory {
  private readonly byVersion = new Map<string, ReadonlyMap<string, string>>();

  constructor(private readonly capacity = 2048) {}

  record(config: SidecarConfig): ReadonlyMap<string, string> {
    const known = this.byVersion.get(config.version);
    if (known !== undefined) {
      this.byVersion.delete(config.version);
      this.byVersion.set(config.version, known);
      return known;
    }
    const hashes = new Map(config.routes.map((route) => [route.name, routeHash(route, endpointsOfRoute(route, config))]));
    this.byVersion.set(config.version, hashes);
    while (this.byVersion.size > this.capacity) this.byVersion.delete(this.byVersion.keys().next().value!);
    return hashes;
  }

  routeHash(version: string | null, route: string): string | undefined {
    return version === null ? undefined : this.byVersion.get(version)?.get(route);
  }
}
