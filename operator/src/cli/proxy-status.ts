// switchyard proxy-status: which config each sidecar runs (commands/proxy-status.ts). Loaded only
// for this command, so the other commands never load the Kubernetes client.
export { runProxyStatus as run } from '../commands/proxy-status.js';
