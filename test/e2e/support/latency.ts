// Percentiles of observed propagation times, printed by the suites.

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function describeLatency(label: string, samples: readonly number[]): string {
  return `${label}: n=${samples.length} p50=${percentile(samples, 50).toFixed(0)}ms p99=${percentile(samples, 99).toFixed(0)}ms max=${Math.max(...samples).toFixed(0)}ms`;
}
