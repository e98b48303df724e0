// Nearest-rank percentiles over every recorded sample (no histogram bucketing).
export function summarise(values) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    p50: at(0.5), p90: at(0.9), p97_5: at(0.975), p99: at(0.99),
    max: sorted[sorted.length - 1], mean: sum / sorted.length, count: sorted.length,
  };
}
