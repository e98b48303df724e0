// The Grafana dashboard shipped with the chart: well-formed JSON a Grafana sidecar can load, every
// panel's PromQL parses, rate() and friends only read counters and histogram buckets, and every
// metric a query names is really exposed: the sidecar's by a running sidecar's /metrics after
// real traffic (answers, errors, a stream, PII, a failover with retries and an ejection), the
// operator's by the operator's own registry.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SidecarHub } from '../../operator/src/channel/hub.js';
import { registerHubMetrics } from '../../operator/src/hub-metrics.js';
import { OperatorMetrics } from '../../operator/src/metrics.js';
import { declaredFamilies, parseSamples, type Sample } from '../support/prometheus.js';
import { waitFor } from '../support/wait.js';
import { startObservabilityRig, type ObservabilityRig } from '../sidecar/observability-rig.js';
import { parsePromQL } from './promql.js';

interface Target { refId: string; expr: string; datasource: { uid: string } }
interface Panel { id: number; type: string; title: string; datasource?: { uid: string }; gridPos: { h: number; w: number; x: number; y: number }; targets?: Target[] }
interface Variable { name: string; type: string; query: string | { query: string } }
interface Dashboard { uid: string; title: string; panels: Panel[]; templating: { list: Variable[] } }

const file = fileURLToPath(new URL('../../charts/switchyard/dashboards/switchyard.json', import.meta.url));
const dashboard = JSON.parse(readFileSync(file, 'utf8')) as Dashboard;
const queryPanels = dashboard.panels.filter((panel) => panel.type !== 'row');
const queries = queryPanels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));

/**
 * Declared but without samples here: canary probes run at most every 10 s (CRD minimum), and
 * budget decisions need a BudgetPolicy (the budget suites exercise both).
 */
const DECLARED_ONLY = new Set(['switchyard_canary_probes_total', 'switchyard_budget_decisions_total']);

let rig: ObservabilityRig;
let sidecarText: string;
let operatorText: string;

beforeAll(async () => {
  // Spans go to a port nobody listens on: the dropped-span counter gets its samples.
  rig = await startObservabilityRig({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9/', OTEL_BSP_SCHEDULE_DELAY: '20' } });
  await rig.chat('openai', { headers: { 'x-switchyard-use-case': 'summarize' } });
  await rig.chat('openai', { stream: true });
  await rig.chat('openai', { content: 'mail jane@example.com' });
  rig.sims.anthropic.script({ errorKind: 'overloaded' });
  await rig.chat('anthropic');
  rig.sims.openai.script({ status: 503, match: { model: 'gpt-4o' }, always: true });
  for (let index = 0; index < 3; index += 1) await rig.chat('failover');
  rig.sims.openai.clearScripts();
  await rig.sidecar.holder.load({ bad: 'config' }, {}, 1_000_000);
  sidecarText = await waitFor(async () => {
    const text = await rig.scrape();
    return text.includes('switchyard_trace_spans_dropped_total{reason="export_failed"}') ? text : undefined;
  }, 10_000);
  const operator = new OperatorMetrics();
  registerHubMetrics(operator.registry, new SidecarHub({ onSidecarChange: () => undefined, onUnknownPod: () => undefined }));
  operatorText = await operator.registry.metrics();
}, 60_000);

afterAll(async () => {
  await rig.close();
});

/** `x_bucket`, `x_sum` and `x_count` are series of the histogram family `x`. */
function familyOf(metric: string, families: ReadonlyMap<string, string>): string | undefined {
  if (families.has(metric)) return metric;
  const base = metric.replace(/_(bucket|sum|count)$/, '');
  return families.get(base) === 'histogram' ? base : undefined;
}

describe('the dashboard JSON', () => {
  it('has a uid, a datasource variable and panels that all read it', () => {
    expect(dashboard.uid).toBe('switchyard-overview');
    expect(dashboard.templating.list.find((variable) => variable.name === 'datasource')?.type).toBe('datasource');
    for (const panel of queryPanels) {
      expect(panel.datasource?.uid).toBe('${datasource}');
      for (const target of panel.targets ?? []) expect(target.datasource.uid).toBe('${datasource}');
    }
  });

  it('has unique panel ids, unique refIds per panel and panels inside the 24-column grid', () => {
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    for (const panel of queryPanels) {
      const refIds = (panel.targets ?? []).map((target) => target.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      expect(refIds.length).toBeGreaterThan(0);
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  it('shows p50, p95 and p99 by provider, model and use case, and errors by provider and code', () => {
    const all = queries.map((query) => query.expr.replace(/\s+/g, ' '));
    for (const by of ['provider', 'model', 'use_case']) {
      for (const q of ['0.5', '0.95', '0.99']) {
        expect(all).toContainEqual(expect.stringContaining(`histogram_quantile(${q}, sum by (le, ${by}) (rate(switchyard_request_duration_seconds_bucket`));
      }
    }
    expect(all).toContainEqual(expect.stringContaining('sum by (provider, code) (rate(switchyard_request_errors_total'));
  });

  it.each(queries.map((query) => [query.panel, query.expr]))('%s: %s parses', (_panel, expr) => {
    expect(() => parsePromQL(expr)).not.toThrow();
  });

  it('takes rates and increases of counters and histogram buckets only', () => {
    const families = new Map([...declaredFamilies(sidecarText), ...declaredFamilies(operatorText)]);
    for (const { expr } of queries) {
      for (const [fn, metric] of parsePromQL(expr).rangeFunctions) {
        const family = familyOf(metric, families);
        const type = family === undefined ? undefined : families.get(family);
        expect({ fn, metric, type }).toEqual({ fn, metric, type: metric.endsWith('_bucket') ? 'histogram' : 'counter' });
      }
    }
  });
});

describe('every metric the dashboard reads is exposed', () => {
  const named = [...new Set(queries.flatMap(({ expr }) => parsePromQL(expr).metrics))].sort();
  const variableMetrics = dashboard.templating.list.flatMap((variable) => {
    const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
    const match = /^label_values\(([a-zA-Z_:][a-zA-Z0-9_:]*),\s*[a-zA-Z_]+\)$/.exec(query);
    return variable.type === 'query' ? [match?.[1] ?? `unparsed variable query ${query}`] : [];
  });
  const sidecarMetrics = [...new Set([...named, ...variableMetrics])].filter((metric) => !metric.startsWith('switchyard_operator_'));
  const operatorMetrics = named.filter((metric) => metric.startsWith('switchyard_operator_'));

  it('reads both sidecar and operator metrics', () => {
    expect(sidecarMetrics.length).toBeGreaterThan(15);
    expect(operatorMetrics.length).toBeGreaterThan(5);
  });

  it.each(sidecarMetrics)('%s by a running sidecar, with samples from the traffic', (metric) => {
    const family = familyOf(metric, declaredFamilies(sidecarText));
    expect(family).toBeDefined();
    if (DECLARED_ONLY.has(family ?? '')) return;
    const samples: Sample[] = parseSamples(sidecarText).filter((sample) => sample.name === metric || sample.name.startsWith(`${metric}_`));
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(operatorMetrics)('%s by the operator registry', (metric) => {
    expect(familyOf(metric, declaredFamilies(operatorText))).toBeDefined();
  });
});
