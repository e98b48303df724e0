// switchyard operator: the control plane (commands/operator.ts). Loaded only for this command,
// so the other commands never load the Kubernetes client.
export { runOperator as run } from '../commands/operator.js';
