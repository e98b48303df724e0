// Accuracy, per-route precision/recall/F1, macro-F1 and the confusion matrix of (label, predicted) pairs.

export function classification(pairs, labels) {
  const confusion = Object.fromEntries(labels.map((label) => [label, Object.fromEntries(labels.map((other) => [other, 0]))]));
  let correct = 0;
  for (const { label, predicted } of pairs) {
    if (predicted === label) correct += 1;
    if (confusion[label] !== undefined && confusion[label][predicted] !== undefined) confusion[label][predicted] += 1;
  }
  const perRoute = Object.fromEntries(labels.map((label) => {
    const tp = pairs.filter((p) => p.label === label && p.predicted === label).length;
    const actual = pairs.filter((p) => p.label === label).length;
    const predicted = pairs.filter((p) => p.predicted === label).length;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = actual === 0 ? 0 : tp / actual;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return [label, { n: actual, precision, recall, f1 }];
  }));
  const macroF1 = labels.reduce((sum, label) => sum + perRoute[label].f1, 0) / labels.length;
  return { n: pairs.length, accuracy: pairs.length === 0 ? 0 : correct / pairs.length, macroF1, perRoute, confusion };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
}

export function pct(value, digits = 1) {
  return `${(value * 100).toFixed(digits)} %`;
}
