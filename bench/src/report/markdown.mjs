// Markdown table and number formatting for the summary.
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => (i === 0 ? '---' : '--:'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

const missing = '–';

export function int(value) {
  return value === null || value === undefined ? missing : Math.round(value).toLocaleString('en-US');
}

export function fixed(value, digits = 2) {
  return value === null || value === undefined || !Number.isFinite(value) ? missing : value.toFixed(digits);
}

export function pair(first, second, digits = 2) {
  if ((first === null || first === undefined) && (second === null || second === undefined)) return missing;
  return `${fixed(first, digits)} / ${fixed(second, digits)}`;
}

export function times(value) {
  return value === null || value === undefined || !Number.isFinite(value) ? missing : `${value.toFixed(2)}×`;
}
