// Percentiles and the markdown the bench prints and writes to bench/results/operator.md.
import { mkdir, writeFile } from 'node:fs/promises';

export function percentile(samples, p) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value) => (value < 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(0)} ms`);
const mib = (bytes) => `${(bytes / 1048576).toFixed(0)} MiB`;

function latencyRow(label, samples) {
  return `| ${label} | ${samples.length} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 99))} | ${ms(Math.max(...samples))} |`;
}

export function renderReport(r) {
  return [
    `# Operator propagation and cost (${r.date})`,
    '',
    `${r.sidecars} channel clients (in-process ConfigHolders, one child process), operator in the bench process,`,
    `real kube-apiserver ${r.apiserver} with bound ServiceAccount tokens. Node ${process.version}, ${r.cpus}.`,
    '',
    '## Propagation: apply of a ModelRoute change → the last of the sidecars swapped its holder',
    '',
    '| namespace holds | changes | p50 | p99 | max |',
    '|---|---:|---:|---:|---:|',
    latencyRow('1 route, 1 pool', r.small),
    latencyRow(`${r.routes} routes, ${r.pools} pools`, r.large),
    latencyRow(`${r.routes} routes, ${r.pools} pools, quiet before each change`, r.quiet),
    '',
    'The same changes, to the FIRST sidecar\'s swap (still slowed by the fleet: its one thread reads all the streams\' frames):',
    '',
    '| namespace holds | changes | p50 | p99 | max |',
    '|---|---:|---:|---:|---:|',
    latencyRow('1 route, 1 pool', r.smallFirst),
    latencyRow(`${r.routes} routes, ${r.pools} pools`, r.largeFirst),
    latencyRow(`${r.routes} routes, ${r.pools} pools, quiet before each change`, r.quietFirst),
    '',
    'From the apply to the operator having written the snapshot to all the sidecars\' streams (its push counter; operator and apiserver only):',
    '',
    '| namespace holds | changes | p50 | p99 | max |',
    '|---|---:|---:|---:|---:|',
    latencyRow('1 route, 1 pool', r.smallPushed),
    latencyRow(`${r.routes} routes, ${r.pools} pools`, r.largePushed),
    latencyRow(`${r.routes} routes, ${r.pools} pools, quiet before each change`, r.quietPushed),
    '',
    `One sidecar's swap (holder.load: validate, build, swap) costs ${ms(r.loadSmallMs)} CPU with 1 route and ${ms(r.loadLargeMs)} with ${r.routes}`,
    `(fleet process CPU / loads). The ${r.sidecars} bench sidecars share one thread and the machine's CPUs with the operator,`,
    'so the last swap waits for about all of them in a row; real sidecars each swap in their own process.',
    '',
    `Target p99 ≤ 1 s (last sidecar): 1 route ${percentile(r.small, 99) <= 1000 ? 'met' : 'NOT met'}; ${r.routes} routes ${percentile(r.large, 99) <= 1000 ? 'met' : 'NOT met'}; ${r.routes} routes, quiet ${percentile(r.quiet, 99) <= 1000 ? 'met' : 'NOT met'}.`,
    '',
    `## Operator cost with ${r.routes} ModelRoutes and ${r.pools} pools, ${r.sidecars} sidecars connected`,
    '',
    '| measure | value |',
    '|---|---:|',
    `| route changes applied in the window | ${r.changes} |`,
    `| reconciles in the window | ${r.reconciles} |`,
    `| status writes in the window | ${r.writes} |`,
    `| CPU per reconcile (process.cpuUsage delta / reconciles) | ${ms(r.cpuPerReconcileMs)} |`,
    `| reconcile duration, mean (operator histogram) | ${ms(r.reconcileMeanMs)} |`,
    `| RSS, 1 route loaded | ${mib(r.rssSmall)} |`,
    `| RSS, ${r.routes} routes loaded | ${mib(r.rssLarge)} |`,
    `| heap used, ${r.routes} routes loaded | ${mib(r.heapLarge)} |`,
    '',
    'CPU and RSS are the bench process: the operator plus the bench driver (its API calls), not the',
    'sidecars (they run in a child process). See bench/operator/README.md.',
    '',
  ].join('\n');
}

export async function writeReport(text) {
  const dir = new URL('../results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const file = new URL('operator.md', dir);
  await writeFile(file, text);
  return file.pathname;
}
