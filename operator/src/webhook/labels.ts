// Names shared by the injector, the chart and the CLI. Changing one is a breaking change for
// every injected pod, so they live in one place.
export const injectLabel = 'switchyard.dev/inject';
export const sidecarLabel = 'switchyard.dev/sidecar';
export const namespaceInjectValue = 'enabled';
export const podInjectValue = 'true';
export const podOptOutValue = 'false';

export const sidecarContainerName = 'switchyard-sidecar';

export const volumeNames = {
  token: 'switchyard-token',
  state: 'switchyard-state',
  ca: 'switchyard-ca',
  noApiToken: 'switchyard-no-api-token',
} as const;

export const mountPaths = {
  token: '/var/run/secrets/switchyard',
  state: '/var/run/switchyard',
  ca: '/etc/switchyard/ca',
  /** Where the ServiceAccount admission plugin mounts the API token; a mount of ours here keeps it out. */
  apiToken: '/var/run/secrets/kubernetes.io/serviceaccount',
} as const;

export const tokenFile = `${mountPaths.token}/token`;
export const caFile = `${mountPaths.ca}/ca.crt`;
/** The key of the CA certificate in the CA ConfigMap and in the TLS Secret. */
export const caKey = 'ca.crt';

/** Namespaces that never get a sidecar, whatever their labels say. */
export const systemNamespaces: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];
