// Folds the raw rows of a run into medians over repetitions per target and mode. "Added"
// latency is paired: target minus direct in the same repetition, then the median over them.
import { median } from './median.mjs';

function modeFigures(rowsByRep, directByRep) {
  const reps = [...rowsByRep.keys()];
  const pick = (read) => median(reps.map((rep) => read(rowsByRep.get(rep))));
  const added = (read) => median(reps.map((rep) => {
    const direct = directByRep?.get(rep);
    if (direct === undefined) return null;
    const own = read(rowsByRep.get(rep));
    const floor = read(direct);
    return own === null || own === undefined || floor === null || floor === undefined ? null : own - floor;
  }));
  const rows = reps.map((rep) => rowsByRep.get(rep));
  return {
    reps: reps.length,
    rps: pick((row) => row.rps),
    p50: pick((row) => row.latency?.p50), p90: pick((row) => row.latency?.p90), p99: pick((row) => row.latency?.p99),
    addedP50: added((row) => row.latency?.p50), addedP99: added((row) => row.latency?.p99),
    serviceP50: pick((row) => row.service?.p50), serviceP99: pick((row) => row.service?.p99),
    cpuUsPerRequest: pick((row) => row.gatewayCpuUsPerRequest),
    cpuUtil: pick((row) => row.gatewayCpuUtil),
    loadSideUtil: pick((row) => (row.upstreamCpuUtil ?? 0) + (row.loadCpuUtil ?? 0)),
    otherOnGatewayCoreUtil: pick((row) => row.otherOnGatewayCoreUtil),
    errors: rows.reduce((sum, row) => sum + row.errors, 0),
    incomplete: rows.reduce((sum, row) => sum + (row.incomplete ?? 0), 0),
    rate: rows[0].rate,
    kind: rows[0].kind,
  };
}

function footprintFigures(rows) {
  const cold = rows.flatMap((row) => row.coldStartMs);
  return {
    coldStartMs: median(cold), coldStartMin: cold.length ? Math.min(...cold) : null, coldStartMax: cold.length ? Math.max(...cold) : null,
    coldStarts: cold.length,
    idleRssMiB: median(rows.map((row) => row.idleRssMiB)),
    peakRssMiB: median(rows.map((row) => row.peakRssMiB)),
    peakRssMaxMiB: Math.max(...rows.map((row) => row.peakRssMiB ?? 0)),
  };
}

export function aggregate(rows) {
  const metas = rows.filter((row) => row.type === 'meta');
  const meta = metas[0];
  const end = rows.find((row) => row.type === 'end');
  const modeRows = rows.filter((row) => row.type === 'mode');
  const targets = [...new Set([...metas.flatMap((row) => row.active), ...modeRows.map((row) => row.target)])];
  const modes = [...new Set([...metas.flatMap((row) => row.settings.modes), ...modeRows.map((row) => row.mode)])];

  const grouped = new Map();
  for (const row of modeRows) {
    const key = `${row.mode}\u0000${row.target}`;
    if (!grouped.has(key)) grouped.set(key, new Map());
    // Several runs can be summarised together; a repetition is named by run and index.
    grouped.get(key).set(`${row.runId}/${row.rep}`, row);
  }
  const byMode = {};
  for (const mode of modes) {
    byMode[mode] = {};
    const direct = grouped.get(`${mode}\u0000direct`);
    for (const target of targets) {
      const own = grouped.get(`${mode}\u0000${target}`);
      if (own !== undefined) byMode[mode][target] = modeFigures(own, target === 'direct' ? undefined : direct);
    }
  }
  const footprint = {};
  for (const target of targets) {
    const own = rows.filter((row) => row.type === 'footprint' && row.target === target);
    if (own.length > 0) footprint[target] = footprintFigures(own);
  }
  return {
    meta, end, targets, modes, byMode, footprint,
    skips: rows.filter((row) => row.type === 'skip'),
    failures: rows.filter((row) => row.type === 'failure'),
    runIds: [...new Set(rows.map((row) => row.runId))],
  };
}
