// The channel's revision: the highest resourceVersion the operator has observed on any input
// (objects and list responses). etcd revisions only grow, deletions included, so a restarted
// operator, which lists again, never goes backwards.

export class RevisionTracker {
  private highest = 0;

  observe(resourceVersion: string | undefined): void {
    if (resourceVersion === undefined || !/^[0-9]{1,15}$/.test(resourceVersion)) return;
    this.highest = Math.max(this.highest, Number(resourceVersion));
  }

  get current(): number {
    return this.highest;
  }
}
