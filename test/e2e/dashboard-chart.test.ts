// The chart's Grafana dashboard ConfigMap: off by default; when enabled `helm template` renders
// one ConfigMap labelled for the Grafana sidecar (grafana_dashboard: "1", or the label chosen)
// whose data is the dashboard JSON file byte for byte, and the real apiserver accepts it.

import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { createTestNamespace, helm, kubectl } from '../support/cluster.js';

jest.setTimeout(120_000);

const chart = fileURLToPath(new URL('../../charts/switchyard', import.meta.url));
const dashboardFile = fileURLToPath(new URL('../../charts/switchyard/dashboards/switchyard.json', import.meta.url));

interface ConfigMap {
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
  data: Record<string, string>;
}

async function render(...args: string[]): Promise<{ manifests: ConfigMap[]; text: string }> {
  const result = await helm(['template', 'sy', chart, '--namespace', 'monitoring-test', ...args]);
  if (result.code !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  const manifests = parseAllDocuments(result.stdout).map((doc) => doc.toJS() as ConfigMap | null).filter((m): m is ConfigMap => m !== null);
  return { manifests, text: result.stdout };
}

const dashboardMaps = (manifests: ConfigMap[]): ConfigMap[] => manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.name.endsWith('-dashboards'));

describe('the dashboard ConfigMap', () => {
  it('is not rendered by default', async () => {
    expect(dashboardMaps((await render()).manifests)).toEqual([]);
  });

  it('is rendered when enabled, labelled for the Grafana sidecar, with the dashboard JSON unchanged', async () => {
    const [map, ...others] = dashboardMaps((await render('--set', 'dashboards.enabled=true')).manifests);
    expect(others).toEqual([]);
    expect(map?.metadata.labels['grafana_dashboard']).toBe('1');
    expect(map?.metadata.namespace).toBe('monitoring-test');
    expect(map?.data['switchyard.json']).toBe(readFileSync(dashboardFile, 'utf8').trimEnd());
    expect(JSON.parse(map?.data['switchyard.json'] ?? '{}')).toMatchObject({ uid: 'switchyard-overview' });
  });

  it('takes another label, a namespace and a folder annotation', async () => {
    const [map] = dashboardMaps((await render(
      '--set', 'dashboards.enabled=true', '--set', 'dashboards.label=my_dashboards', '--set', 'dashboards.labelValue=yes',
      '--set', 'dashboards.namespace=grafana', '--set', 'dashboards.annotations.grafana_folder=LLM',
    )).manifests);
    expect(map?.metadata.labels['my_dashboards']).toBe('yes');
    expect(map?.metadata.labels['grafana_dashboard']).toBeUndefined();
    expect(map?.metadata.namespace).toBe('grafana');
    expect(map?.metadata.annotations).toEqual({ grafana_folder: 'LLM' });
  });

  it('refuses a label that is not a Kubernetes label key', async () => {
    const result = await helm(['template', 'sy', chart, '--set', 'dashboards.enabled=true', '--set', 'dashboards.label=not a label']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("at '/dashboards/label'");
  });

  it('is accepted by the apiserver', async () => {
    const namespace = await createTestNamespace('dashboard-chart');
    const { text } = await render('--set', 'dashboards.enabled=true', '--set', `dashboards.namespace=${namespace}`, '--show-only', 'templates/dashboard-configmap.yaml');
    const applied = await kubectl(['apply', '-f', '-'], { stdin: text });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const got = await kubectl(['get', 'configmap', 'sy-switchyard-dashboards', '-n', namespace, '-o', 'jsonpath={.metadata.labels.grafana_dashboard}']);
    expect(got.stdout).toBe('1');
  });
});
