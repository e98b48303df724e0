// Percentiles of observed propagation times, printed by the suites.

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function describeLatency(label: string, samples: readonly number[]): string {
  return `${label}: n=${samples.length} p50=${percentile(samples, 50).toFixed(0)}ms p99=${percentile(samples, 99).toFixed(0)}ms max=${Math.max(...samples).toFixed(0)}ms`;
}

interface HistogramLike {
  get(): Promise<{ values: { metricName?: string; labels: Partial<Record<string, string | number>>; value: number }[] }>;
}

/** p50/p99 estimated from a prom-client histogram's buckets (upper bounds), as Prometheus would. */
export async function describeHistogram(label: string, histogram: HistogramLike): Promise<string> {
  const { values } = await histogram.get();
  const buckets = values.filter((v) => v.metricName?.endsWith('_bucket')).map((v) => ({ le: Number(v.labels['le']), count: v.value }));
  const count = values.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0;
  const sum = values.find((v) => v.metricName?.endsWith('_sum'))?.value ?? 0;
  const quantile = (q: number): string => `≤${((buckets.find((b) => b.count >= q * count)?.le ?? Number.POSITIVE_INFINITY) * 1000).toFixed(0)}ms`;
  return `${label}: n=${count} mean=${count === 0 ? '-' : ((sum / count) * 1000).toFixed(1)}ms p50${quantile(0.5)} p99${quantile(0.99)}`;
}
