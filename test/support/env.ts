// The variables test/cluster/with-cluster.sh exports for cluster-tier suites.
export type ClusterVariable = 'KUBECONFIG' | 'SWITCHYARD_CLUSTER_DIR' | 'SWITCHYARD_KUBECTL' | 'SWITCHYARD_HELM';

export function clusterEnv(name: ClusterVariable): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: cluster-tier suites run under test/cluster/with-cluster.sh (make test-cluster)`);
  }
  return value;
}
