// The markdown summary of one or more runs: headline figures per target, ratios to the Node
// floor and to Portkey, the issue's targets as pass/miss, then one table per mode.
import { aggregate } from './aggregate.mjs';
import { GOALS, judge } from './goals.mjs';
import { fixed, int, pair, table, times } from './markdown.mjs';
import { median } from './median.mjs';

const FLOOR = 'node_undici';
const PORTKEY = 'portkey';
/** Share of the gateway's CPU taken by other processes above which a run is flagged noisy. */
const NOISY_OTHER_WORK = 0.1;

function describeMode(mode, figures) {
  const sample = Object.values(figures)[0];
  if (sample === undefined) return mode;
  const match = /^(?:(stream|big|ttft)_)?c(\d+)$/.exec(mode);
  if (sample.kind === 'paced') return `paced ${int(sample.rate)} req/s, open loop`;
  const [, variant, n] = match ?? [];
  if (variant === 'ttft') return `streaming TTFT at c=${n}`;
  if (variant === 'stream') return `streaming (22 events), ${n} conns`;
  if (variant === 'big') return `~33 KB body, ${n} conns`;
  return `${n} conn${n === '1' ? '' : 's'}, closed loop`;
}

function isSaturated(figures) {
  return figures.kind === 'paced' && (figures.incomplete > 0 || figures.rps < 0.95 * figures.rate);
}

function addedCell(figures, target, digits = 2) {
  if (figures === undefined) return '–';
  if (target === 'direct') return `(abs. ${pair(figures.p50, figures.p99, digits)})`;
  if (isSaturated(figures)) return `saturated (${int(figures.rps)} req/s)`;
  return pair(figures.addedP50, figures.addedP99, digits);
}

function headlineRows(run) {
  const rows = [];
  const cells = (read) => run.targets.map(read);
  for (const mode of run.modes) {
    const figures = run.byMode[mode] ?? {};
    const sample = Object.values(figures)[0];
    if (sample === undefined) continue;
    const label = describeMode(mode, figures);
    const single = sample.kind !== 'paced' && /c1$/.test(mode);
    if (sample.kind === 'ttft') {
      rows.push([`${label}: added TTFT p50 / p99 (ms)`, ...cells((t) => addedCell(figures[t], t))]);
    } else if (sample.kind === 'paced' || single) {
      rows.push([`${label}: added latency p50 / p99 (ms)`, ...cells((t) => addedCell(figures[t], t))]);
    } else {
      const unit = mode.startsWith('stream') ? 'streams/s' : 'req/s';
      const per = mode.startsWith('stream') ? 'stream' : 'request';
      rows.push([`${label}: ${unit}`, ...cells((t) => int(figures[t]?.rps))]);
      rows.push([`${label}: gateway CPU µs per ${per}`, ...cells((t) => int(figures[t]?.cpuUsPerRequest))]);
    }
  }
  const foot = (t) => run.footprint[t];
  rows.push(['idle RSS after one request (MiB)', ...cells((t) => fixed(foot(t)?.idleRssMiB, 1))]);
  rows.push(['peak RSS, VmHWM over the mode set (MiB)', ...cells((t) => fixed(foot(t)?.peakRssMiB, 1))]);
  rows.push(['cold start, exec → first proxied 200 (ms; min–max, n)', ...cells((t) => (foot(t)
    ? `${int(foot(t).coldStartMs)} (${int(foot(t).coldStartMin)}–${int(foot(t).coldStartMax)}, ${foot(t).coldStarts})`
    : '–'))]);
  rows.push(['errors (non-2xx, exceptions, broken streams, unfinished), all modes', ...cells((t) => int(
    run.modes.reduce((sum, mode) => sum + (run.byMode[mode]?.[t]?.errors ?? 0), 0),
  ))]);
  rows.push(['noise: other work on the gateway CPU, median over modes (0 = core to itself)', ...cells((t) => fixed(median(
    run.modes.map((mode) => run.byMode[mode]?.[t]?.otherOnGatewayCoreUtil),
  )))]);
  return rows;
}

function ratioRows(run, gateways, reference) {
  if (!run.targets.includes(reference)) return [];
  const modeRatio = (mode, field, t) => {
    const own = run.byMode[mode]?.[t]?.[field];
    const ref = run.byMode[mode]?.[reference]?.[field];
    return own === null || own === undefined || !ref ? null : own / ref;
  };
  const peak = (t) => {
    const own = run.footprint[t]?.peakRssMiB;
    const ref = run.footprint[reference]?.peakRssMiB;
    return own === null || own === undefined || !ref ? null : own / ref;
  };
  return [
    [`throughput (c50) vs ${reference}`, ...gateways.map((t) => times(modeRatio('c50', 'rps', t)))],
    [`streamed throughput (stream_c50) vs ${reference}`, ...gateways.map((t) => times(modeRatio('stream_c50', 'rps', t)))],
    [`CPU per request (c50) vs ${reference}`, ...gateways.map((t) => times(modeRatio('c50', 'cpuUsPerRequest', t)))],
    [`CPU per stream (stream_c50) vs ${reference}`, ...gateways.map((t) => times(modeRatio('stream_c50', 'cpuUsPerRequest', t)))],
    [`peak RSS vs ${reference}`, ...gateways.map((t) => times(peak(t)))],
  ].filter((row) => row.slice(1).some((cell) => cell !== '–'));
}

function modeTable(run, mode) {
  const figures = run.byMode[mode] ?? {};
  const paced = Object.values(figures)[0]?.kind === 'paced';
  const header = ['target', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'added p50 ms', 'added p99 ms', 'gateway CPU µs/req',
    'gateway CPU util', 'other work on gateway CPU', 'load+upstream CPU util', 'errors', ...(paced ? ['service p50 / p99 ms'] : [])];
  const rows = run.targets.filter((t) => figures[t] !== undefined).map((t) => {
    const f = figures[t];
    return [t + (isSaturated(f) ? ' (saturated)' : ''), int(f.rps), fixed(f.p50, 3), fixed(f.p90), fixed(f.p99), fixed(f.addedP50, 3), fixed(f.addedP99),
      fixed(f.cpuUsPerRequest, 0), fixed(f.cpuUtil), fixed(f.otherOnGatewayCoreUtil), fixed(f.loadSideUtil), int(f.errors), ...(paced ? [pair(f.serviceP50, f.serviceP99, 3)] : [])];
  });
  return `#### ${mode}: ${describeMode(mode, figures)}${Object.values(figures)[0]?.kind === 'ttft' ? ' (p* = time to first byte; service not shown)' : ''}\n\n${table(header, rows)}`;
}

function header(run) {
  const lines = ['# Switchyard bench summary', ''];
  const meta = run.meta ?? {};
  const s = meta.settings ?? {};
  lines.push(`- run: ${run.runIds.join(', ')} · ${meta.node ?? '?'} · started ${meta.startedAt ?? '?'}${run.end ? ` · ${(run.end.elapsedSeconds / 60).toFixed(1)} min` : ''}`);
  lines.push(`- method: ${s.reps} repetitions (medians; target order rotated each repetition, every process started fresh), ` +
    `${s.warmupSeconds} s warm-up + ${s.durationSeconds} s measured (c=1 modes ${s.durationC1Seconds} s), paced modes over ${s.pacedSockets} sockets, ` +
    `${s.pin ? `gateway on CPU ${s.gatewayCpu}, load generator + fake upstream on CPU ${s.loadCpu}` : 'no CPU pinning'}`);
  const canary = (c) => (c ? `${c.medianMs.toFixed(0)} ms (load avg ${c.loadavg.map((l) => l.toFixed(2)).join(' ')})` : '?');
  lines.push(`- noise canary, bare \`node -e 0\` start: ${canary(meta.canaryStart)} at start, ${canary(run.end?.canaryEnd)} at end (compare with earlier runs)`);
  const other = median(Object.values(run.byMode).flatMap((figures) => Object.values(figures).map((f) => f.otherOnGatewayCoreUtil)));
  if (other !== null && other > NOISY_OTHER_WORK) {
    lines.push(`- **noisy run**: other processes used ${other.toFixed(2)} of the gateway's CPU in the median measured window (quiet: < ${NOISY_OTHER_WORK}); ` +
      'absolute figures and CPU per request are inflated, rerun before quoting anything');
  }
  for (const skip of run.skips) lines.push(`- skipped **${skip.target}**: ${skip.reason}`);
  lines.push('- "added" = target minus `direct` in the same repetition, median over repetitions; CPU = gateway utime+stime over the measured window / requests completed in it');
  return lines.join('\n');
}

export function renderSummary(rows) {
  const run = aggregate(rows);
  const gateways = run.targets.filter((t) => t !== 'direct');
  const goalTargets = [...gateways.filter((t) => t.startsWith('sidecar')), ...gateways.filter((t) => !t.startsWith('sidecar') && t !== FLOOR)];
  const parts = [header(run)];
  parts.push(`## Headline (medians over repetitions)\n\n${table(['metric', ...run.targets], headlineRows(run))}`);
  const ratios = [...ratioRows(run, gateways, FLOOR), ...ratioRows(run, gateways, PORTKEY)];
  if (ratios.length > 0) parts.push(`## Ratios (CPU and RSS: lower is better; throughput: higher)\n\n${table(['ratio', ...gateways], ratios)}`);
  if (goalTargets.length > 0) {
    const goalRows = GOALS.map((goal) => [goal.label, ...goalTargets.map((t) => judge(goal, run, t))]);
    parts.push('## Targets from the issue (for `sidecar`; other gateways shown for reference)\n\n' +
      `${table(['target', ...goalTargets], goalRows)}` +
      (gateways.some((t) => t.startsWith('sidecar')) ? '' : '\n\n`sidecar` did not run in this summary, so no verdict on it.'));
  }
  parts.push(`## Per mode\n\n${run.modes.filter((mode) => run.byMode[mode] && Object.keys(run.byMode[mode]).length > 0).map((mode) => modeTable(run, mode)).join('\n\n')}`);
  if (run.failures.length > 0) {
    parts.push(`## Failures\n\n${run.failures.map((f) => `- ${f.runId} rep ${f.rep} ${f.target} ${f.mode}: ${f.reason.split('\n')[0]}`).join('\n')}`);
  }
  return `${parts.join('\n\n')}\n`;
}
