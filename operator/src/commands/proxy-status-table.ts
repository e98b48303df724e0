// The proxy-status table, in the shape of `istioctl proxy-status`: one row per sidecar.
import type { SidecarReport } from '../channel/report.js';

const HEADERS = ['POD', 'NAMESPACE', 'WORKLOAD', 'VERSION', 'REVISION', 'SYNCED', 'AGE'] as const;

/** kubectl's age format: 42s, 5m, 3h, 2d. */
export function formatAge(since: string | null, now: Date): string {
  if (since === null) return '-';
  const seconds = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

function syncedCell(report: SidecarReport): string {
  return report.state === 'NACK' && report.nack !== null ? `NACK (${report.nack.reason})` : report.state;
}

export function renderTable(reports: readonly SidecarReport[], now: Date): string {
  const rows = reports.map((report) => [
    report.pod, report.namespace, report.workload ?? '-', report.version ?? '-',
    report.revision === null ? '-' : String(report.revision), syncedCell(report), formatAge(report.connectedAt, now),
  ]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('   ').trimEnd();
  return [line(HEADERS), ...rows.map(line)].join('\n');
}
