// switchyard usage export: every usage record of a namespace and billing cycle, from the shards
// the operator keeps in its namespace, as JSON lines or CSV (schema: docs/adr/0011-budgets.md).
// Reading needs "get"/"list" on ConfigMaps in the operator's namespace.
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { billingCycleAt, formatUsage, totalsByTeamAndFeature, formatMicroUsd, type ExportFormat } from '@switchyard/contract';
import { UsageError, withUsageErrors } from '../cli/usage.js';
import { ConfigMapDocuments } from './documents.js';
import { UsageStore } from './usage-store.js';

export const HELP = `usage: switchyard usage export -n NS [--cycle YYYY-MM] [-o jsonl|csv|totals] [flags]

  -n, --namespace NS        the namespace whose usage to export (required)
  --cycle YYYY-MM           billing cycle, a UTC calendar month (default: the current one)
  -o, --output F            jsonl (default): one record per line; csv: a header and one row per
                            record; totals: cost per team and feature (CSV)
  --operator-namespace NS   where the operator keeps usage (default $SWITCHYARD_OPERATOR_NAMESPACE,
                            else switchyard-system)
  --kubeconfig F            kubeconfig (default $KUBECONFIG or ~/.kube/config)`;

const OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  cycle: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'operator-namespace': { type: 'string' },
  kubeconfig: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface ExportRequest {
  readonly kubeConfig: KubeConfig;
  readonly operatorNamespace: string;
  readonly namespace: string;
  readonly cycle: string;
  readonly output: ExportFormat | 'totals';
}

/** The export's text. */
export async function exportUsage(request: ExportRequest): Promise<string> {
  const records = await new UsageStore(new ConfigMapDocuments(request.kubeConfig, request.operatorNamespace)).read(request.namespace, request.cycle);
  if (request.output !== 'totals') return formatUsage(records, request.output);
  const rows = totalsByTeamAndFeature(records).map((total) => [total.team, total.feature, total.requests, total.inputTokens, total.outputTokens, total.costMicroUsd, formatMicroUsd(total.costMicroUsd)].join(','));
  return ['team,feature,requests,inputTokens,outputTokens,costMicroUsd,costUsd', ...rows].map((line) => `${line}\n`).join('');
}

function requestOf(argv: readonly string[]): ExportRequest | undefined {
  const [verb, ...rest] = argv;
  if (verb === '--help' || verb === '-h') return undefined;
  if (verb !== 'export') throw new UsageError(`switchyard usage: unknown subcommand ${JSON.stringify(verb ?? '')} (see switchyard usage --help)`);
  const { values } = withUsageErrors('usage export', () => parseArgs({ args: rest, options: OPTIONS, strict: true }));
  if (values.help === true) return undefined;
  if (values.namespace === undefined) throw new UsageError('switchyard usage export: --namespace is required');
  const cycle = values.cycle ?? billingCycleAt(Date.now());
  if (!/^\d{4}-\d{2}$/.test(cycle)) throw new UsageError(`switchyard usage export: --cycle must look like 2026-11, not ${JSON.stringify(cycle)}`);
  const output = values.output ?? 'jsonl';
  if (output !== 'jsonl' && output !== 'csv' && output !== 'totals') throw new UsageError(`switchyard usage export: --output must be jsonl, csv or totals, not ${JSON.stringify(output)}`);
  const kubeConfig = new KubeConfig();
  if (values.kubeconfig !== undefined) kubeConfig.loadFromFile(values.kubeconfig);
  else kubeConfig.loadFromDefault();
  const operatorNamespace = values['operator-namespace'] ?? process.env['SWITCHYARD_OPERATOR_NAMESPACE'] ?? 'switchyard-system';
  return { kubeConfig, operatorNamespace, namespace: values.namespace, cycle, output };
}

export async function runUsage(argv: readonly string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const request = requestOf(argv);
  if (request === undefined) {
    write(`${HELP}\n`);
    return 0;
  }
  write(await exportUsage(request));
  return 0;
}
