// Reading Prometheus text exposition in tests: samples with their labels, the metric families
// a registry declares, and histogram_quantile over bucket samples (the same interpolation
// Prometheus uses), so a test checks what a dashboard would show.

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseSamples(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    if (line.startsWith('#') || line.trim() === '') return [];
    const match = SAMPLE.exec(line);
    if (match === null) return [];
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(LABEL)) labels[label[1] ?? ''] = (label[2] ?? '').replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
    return [{ name: match[1] ?? '', labels, value: Number(match[3]) }];
  });
}

/** Metric family names from `# TYPE` lines: declared even before a first sample. */
export function declaredFamilies(text: string): Map<string, string> {
  const families = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^# TYPE (\S+) (\S+)/.exec(line);
    if (match !== null) families.set(match[1] ?? '', match[2] ?? '');
  }
  return families;
}

/** Sum of the samples of `name` whose labels include all of `where`. */
export function total(samples: readonly Sample[], name: string, where: Readonly<Record<string, string>> = {}): number {
  return samples.filter((sample) => sample.name === name && matches(sample, where)).reduce((sum, sample) => sum + sample.value, 0);
}

function matches(sample: Sample, where: Readonly<Record<string, string>>): boolean {
  return Object.entries(where).every(([key, value]) => sample.labels[key] === value);
}

/**
 * histogram_quantile(q, sum by (le) (<name>_bucket{where})), with Prometheus' linear
 * interpolation inside the bucket; NaN without observations.
 */
export function histogramQuantile(q: number, samples: readonly Sample[], name: string, where: Readonly<Record<string, string>> = {}): number {
  const byBound = new Map<number, number>();
  for (const sample of samples) {
    if (sample.name !== `${name}_bucket` || !matches(sample, where)) continue;
    const bound = sample.labels['le'] === '+Inf' ? Infinity : Number(sample.labels['le']);
    byBound.set(bound, (byBound.get(bound) ?? 0) + sample.value);
  }
  const buckets = [...byBound.entries()].sort((a, b) => a[0] - b[0]);
  const count = buckets.at(-1)?.[1] ?? 0;
  if (count === 0) return Number.NaN;
  const rank = q * count;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [bound, cumulative] of buckets) {
    if (cumulative >= rank) {
      if (bound === Infinity) return lowerBound;
      return lowerBound + (bound - lowerBound) * ((rank - lowerCount) / (cumulative - lowerCount));
    }
    lowerBound = bound;
    lowerCount = cumulative;
  }
  return lowerBound;
}
