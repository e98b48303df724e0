// switchyard proxy-status: which config each sidecar runs, asked of every operator replica
// given (a sidecar is connected to one of them).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { withUsageErrors } from '../cli/usage.js';
import type { SidecarReport } from '../channel/report.js';
import { fetchSidecars, type ViewerCredentials } from './proxy-status-fetch.js';
import { renderTable } from './proxy-status-table.js';

export const HELP = `usage: switchyard proxy-status [--operator-url U …] [--ca-file F] [--token-file F] [--namespace NS]

  --operator-url U   an operator replica's channel URL (repeatable; default https://127.0.0.1:9443)
  --ca-file F        CA of the operator's serving certificate (default: the kubeconfig cluster's CA)
  --token-file F     bearer token; default: the kubeconfig user's token or client certificate
  --kubeconfig F     kubeconfig (default $KUBECONFIG or ~/.kube/config)
  -n, --namespace NS only sidecars in this namespace
  -o, --output json  print JSON instead of the table

Reading needs RBAC "list" on sidecars.switchyard.dev.`;

async function credentialsFrom(kubeconfig: string | undefined, caFile: string | undefined, tokenFile: string | undefined): Promise<ViewerCredentials> {
  const kc = new KubeConfig();
  if (kubeconfig !== undefined) kc.loadFromFile(kubeconfig);
  else kc.loadFromDefault();
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  const text = (data: string | undefined): Buffer | undefined => (data === undefined ? undefined : Buffer.from(data, 'base64'));
  const ca = caFile !== undefined ? await readFile(caFile) : cluster?.caFile !== undefined ? await readFile(cluster.caFile) : text(cluster?.caData);
  const token = tokenFile !== undefined ? (await readFile(tokenFile, 'utf8')).trim() : user?.token;
  const cert = user?.certFile !== undefined ? await readFile(user.certFile) : text(user?.certData);
  const key = user?.keyFile !== undefined ? await readFile(user.keyFile) : text(user?.keyData);
  return { ...(ca === undefined ? {} : { ca }), ...(token === undefined ? {} : { token }), ...(cert === undefined ? {} : { cert }), ...(key === undefined ? {} : { key }) };
}

/** Merges replicas' views: a connected entry wins over a disconnected one for the same pod. */
function merge(views: readonly SidecarReport[][]): SidecarReport[] {
  const byPod = new Map<string, SidecarReport>();
  for (const report of views.flat()) {
    const key = `${report.namespace}/${report.pod}`;
    const known = byPod.get(key);
    if (known === undefined || (!known.connected && report.connected)) byPod.set(key, report);
  }
  return [...byPod.values()].sort((a, b) => (`${a.namespace}/${a.pod}` < `${b.namespace}/${b.pod}` ? -1 : 1));
}

export async function runProxyStatus(argv: readonly string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const { values } = withUsageErrors('proxy-status', () => parseArgs({
    args: [...argv],
    options: {
      'operator-url': { type: 'string', multiple: true },
      'ca-file': { type: 'string' },
      'token-file': { type: 'string' },
      kubeconfig: { type: 'string' },
      namespace: { type: 'string', short: 'n' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
  if (values.help === true) {
    write(`${HELP}\n`);
    return 0;
  }
  const credentials = await credentialsFrom(values.kubeconfig, values['ca-file'], values['token-file']);
  const urls = values['operator-url'] ?? ['https://127.0.0.1:9443'];
  const views = await Promise.all(urls.map((url) => fetchSidecars(url, credentials)));
  const reports = merge(views).filter((report) => values.namespace === undefined || report.namespace === values.namespace);
  write(values.output === 'json' ? `${JSON.stringify(reports, null, 2)}\n` : `${renderTable(reports, new Date())}\n`);
  return 0;
}
