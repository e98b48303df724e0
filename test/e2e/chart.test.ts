// The Helm chart: it lints strictly, renders, its operator pod passes Pod Security "restricted"
// on the real apiserver, its RBAC has no wildcards, and it installs into the test control plane.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { createTestNamespace, helm, kubectl } from '../support/cluster.js';
import { OPERATOR_CLUSTER_RULES, OPERATOR_NAMESPACE_RULES } from './support/operator-identity.js';

jest.setTimeout(120_000);

const chart = fileURLToPath(new URL('../../charts/switchyard', import.meta.url));

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs: string[];
}

async function ok(result: Promise<{ code: number; stdout: string; stderr: string }>): Promise<string> {
  const { code, stdout, stderr } = await result;
  if (code !== 0) throw new Error(`exit ${code}: ${stderr}`);
  return stdout;
}

async function render(namespace: string, ...args: string[]): Promise<Manifest[]> {
  const stdout = await ok(helm(['template', 'sy', chart, '--namespace', namespace, ...args]));
  return parseAllDocuments(stdout).map((doc) => doc.toJS() as Manifest | null).filter((m): m is Manifest => m !== null);
}

function find(manifests: Manifest[], kind: string): Manifest[] {
  return manifests.filter((m) => m.kind === kind);
}

let manifests: Manifest[] = [];

beforeAll(async () => {
  manifests = await render('switchyard-system');
});

describe('helm lint and template', () => {
  it('lints with --strict', async () => {
    const result = await helm(['lint', '--strict', chart]);
    expect(result.stdout).toContain('0 chart(s) failed');
    expect(result.code).toBe(0);
  });

  it('renders the operator, its RBAC, Service, PDB, webhook and CA ConfigMap', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual([
      'ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'Deployment', 'MutatingWebhookConfiguration',
      'PodDisruptionBudget', 'Role', 'RoleBinding', 'Service', 'ServiceAccount',
    ]);
  });

  it('puts the standard labels on every object and only name + instance in selectors', () => {
    for (const m of manifests) {
      expect(Object.keys(m.metadata.labels ?? {}).sort()).toEqual([
        'app.kubernetes.io/component', 'app.kubernetes.io/instance', 'app.kubernetes.io/managed-by',
        'app.kubernetes.io/name', 'app.kubernetes.io/part-of', 'app.kubernetes.io/version', 'helm.sh/chart',
      ]);
    }
    const deployment = find(manifests, 'Deployment')[0] as Manifest & { spec: { selector: { matchLabels: Record<string, string> } } };
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'switchyard', 'app.kubernetes.io/instance': 'sy' });
  });

  it('rejects an unknown value through values.schema.json', async () => {
    const result = await helm(['template', 'sy', chart, '--set', 'iamge.tag=1']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("additional properties 'iamge' not allowed");
  });

  it('leaves caBundle to the operator and excludes kube-system and its own namespace', () => {
    const config = find(manifests, 'MutatingWebhookConfiguration')[0] as Manifest & {
      webhooks: { name: string; failurePolicy: string; sideEffects: string; timeoutSeconds: number; clientConfig: Record<string, unknown>; namespaceSelector: { matchExpressions: { key: string; values: string[] }[] } }[];
    };
    expect(config.webhooks.map((w) => w.name)).toEqual(['namespace.inject.switchyard.dev', 'object.inject.switchyard.dev']);
    for (const webhook of config.webhooks) {
      expect(webhook.clientConfig).not.toHaveProperty('caBundle');
      expect([webhook.failurePolicy, webhook.sideEffects, webhook.timeoutSeconds]).toEqual(['Fail', 'None', 5]);
      const excluded = webhook.namespaceSelector.matchExpressions.find((e) => e.key === 'kubernetes.io/metadata.name');
      expect(excluded?.values).toEqual(expect.arrayContaining(['kube-system', 'switchyard-system']));
    }
  });

  it.each<[string, string[], boolean]>([
    ['renders no ServiceMonitor by default', [], false],
    ['renders no ServiceMonitor when enabled but the API is not served', ['--set', 'metrics.serviceMonitor.enabled=true'], false],
    ['renders a ServiceMonitor when enabled and the API is served', ['--set', 'metrics.serviceMonitor.enabled=true', '--api-versions', 'monitoring.coreos.com/v1'], true],
  ])('%s', async (_sentence, args, present) => {
    expect(find(await render('switchyard-system', ...args), 'ServiceMonitor').length > 0).toBe(present);
  });

  it('renders a default-deny NetworkPolicy only when asked', async () => {
    expect(find(manifests, 'NetworkPolicy')).toEqual([]);
    const [policy] = find(await render('switchyard-system', '--set', 'networkPolicy.enabled=true'), 'NetworkPolicy');
    expect(policy).toMatchObject({ spec: { policyTypes: ['Ingress', 'Egress'] } });
  });
});

interface PolicyPort { port: number; protocol: string }
interface PolicyPeer { namespaceSelector?: { matchLabels: Record<string, string> }; podSelector?: { matchLabels: Record<string, string> }; ipBlock?: { cidr: string; except?: string[] } }
interface PolicyRuleSpec { to?: PolicyPeer[]; from?: PolicyPeer[]; ports?: PolicyPort[] }
type NetworkPolicy = Manifest & { spec: { podSelector: { matchLabels: Record<string, string> }; policyTypes: string[]; ingress?: PolicyRuleSpec[]; egress?: PolicyRuleSpec[] } };

describe('NetworkPolicies (networkPolicy.enabled)', () => {
  const rendered = (): Promise<Manifest[]> => render('switchyard-system', '--set', 'networkPolicy.enabled=true', '--set', 'networkPolicy.sidecars.namespaces={team-a,team-b}');
  const ports = (rules: PolicyRuleSpec[] | undefined): number[] => (rules ?? []).flatMap((rule) => (rule.ports ?? []).map((p) => p.port)).sort((a, b) => a - b);

  it('lets into the operator only the webhook (from the apiserver) and the channel (from sidecars), and out only DNS and the API', async () => {
    const operator = find(await rendered(), 'NetworkPolicy').find((p) => p.metadata.namespace === 'switchyard-system') as NetworkPolicy;
    expect(operator.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'switchyard', 'app.kubernetes.io/instance': 'sy' });
    expect(operator.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(ports(operator.spec.ingress)).toEqual([8443, 9443]);
    expect(ports(operator.spec.egress)).toEqual([53, 53, 443, 6443]);
  });

  it('gives injected pods in each listed namespace default-deny egress with DNS, the channel and public HTTPS only', async () => {
    const sidecars = find(await rendered(), 'NetworkPolicy').filter((p) => p.metadata.namespace !== 'switchyard-system') as NetworkPolicy[];
    expect(sidecars.map((p) => p.metadata.namespace)).toEqual(['team-a', 'team-b']);
    for (const policy of sidecars) {
      expect(policy.spec.podSelector.matchLabels).toEqual({ 'switchyard.dev/sidecar': 'true' });
      expect(policy.spec.policyTypes).toEqual(['Egress']);
      const [dns, channel, providers, ...rest] = policy.spec.egress ?? [];
      expect(rest).toEqual([]);
      expect(dns?.to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }]);
      expect(channel).toEqual({
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'switchyard-system' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'switchyard', 'app.kubernetes.io/instance': 'sy' } } }],
        ports: [{ port: 9443, protocol: 'TCP' }],
      });
      expect(providers?.ports).toEqual([{ port: 443, protocol: 'TCP' }]);
      expect(providers?.to?.[0]?.ipBlock?.except).toEqual(expect.arrayContaining(['10.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16']));
    }
  });

  it('renders no policy for injected pods unless namespaces are listed', async () => {
    expect(find(await render('switchyard-system', '--set', 'networkPolicy.enabled=true'), 'NetworkPolicy')).toHaveLength(1);
    expect(find(await render('switchyard-system', '--set', 'networkPolicy.sidecars.namespaces={team-a}'), 'NetworkPolicy')).toHaveLength(0);
  });
});

describe('RBAC', () => {
  const variants: [string, string[]][] = [
    ['the defaults', []],
    ['Secrets narrowed to listed namespaces', ['--set', 'rbac.secrets.clusterWide=false', '--set', 'rbac.secrets.namespaces={team-a,team-b}']],
  ];

  it.each(variants)('uses no wildcard in any rule with %s', async (_sentence, args) => {
    const roles = (await render('switchyard-system', ...args)).filter((m) => m.kind === 'ClusterRole' || m.kind === 'Role');
    const rules = roles.flatMap((role) => (role as Manifest & { rules: PolicyRule[] }).rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      for (const value of [...(rule.apiGroups ?? []), ...(rule.resources ?? []), ...(rule.resourceNames ?? []), ...rule.verbs]) {
        expect(value).not.toContain('*');
      }
    }
  });

  const rulesOf = (roles: Manifest[]): PolicyRule[] => roles.flatMap((role) => (role as Manifest & { rules: PolicyRule[] }).rules);
  // Credential Secrets: every Secret rule but the webhook's own TLS Secret (create, and by name).
  const credentialRules = (rules: PolicyRule[]): PolicyRule[] =>
    rules.filter((r) => r.resources?.includes('secrets') && r.resourceNames === undefined && !(r.verbs.length === 1 && r.verbs[0] === 'create'));

  it('reads Secrets cluster-wide only when rbac.secrets.clusterWide is true', async () => {
    const secretRules = async (args: string[]): Promise<string[]> =>
      (await render('switchyard-system', ...args))
        .filter((m) => m.kind === 'ClusterRole' || m.kind === 'Role')
        .flatMap((role) => credentialRules(rulesOf([role])).map(() => `${role.kind}/${role.metadata.namespace ?? ''}`));
    expect(await secretRules([])).toEqual(['ClusterRole/']);
    expect(await secretRules(variants[1]?.[1] ?? [])).toEqual(['Role/team-a', 'Role/team-b']);
  });

  it.each(variants)('grants no escalate, bind or impersonate, no exec or attach, and no Secret writes outside its own TLS Secret, with %s', async (_sentence, args) => {
    const rules = rulesOf((await render('switchyard-system', ...args)).filter((m) => m.kind === 'ClusterRole' || m.kind === 'Role'));
    for (const rule of rules) {
      expect(rule.verbs).not.toEqual(expect.arrayContaining(['escalate']));
      expect(rule.verbs).not.toEqual(expect.arrayContaining(['bind']));
      expect(rule.verbs).not.toEqual(expect.arrayContaining(['impersonate']));
      expect(rule.resources ?? []).not.toEqual(expect.arrayContaining(['pods/exec']));
      expect(rule.resources ?? []).not.toEqual(expect.arrayContaining(['pods/attach']));
      if (rule.resources?.includes('secrets') && rule.verbs.some((verb) => ['update', 'patch', 'delete'].includes(verb))) {
        expect(rule.resourceNames).toEqual(['sy-switchyard-tls']);
      }
    }
  });

  it.each(variants)('only gets Secrets, never lists or watches them, with %s', async (_sentence, args) => {
    const rules = rulesOf((await render('switchyard-system', ...args)).filter((m) => m.kind === 'ClusterRole' || m.kind === 'Role'));
    for (const rule of rules.filter((r) => r.resources?.includes('secrets'))) {
      expect(rule.verbs).not.toContain('list');
      expect(rule.verbs).not.toContain('watch');
    }
    for (const rule of credentialRules(rules)) expect(rule.verbs).toEqual(['get']);
  });

  // The rules the end-to-end suites run the operator with (and so prove sufficient) must all be
  // granted: cluster-wide by the ClusterRole, in the release namespace by the ClusterRole or Role.
  const grants = (rules: PolicyRule[], wanted: { apiGroups?: string[]; resources?: string[]; verbs: string[] }): string[] =>
    (wanted.apiGroups ?? []).flatMap((group) => (wanted.resources ?? []).flatMap((resource) => wanted.verbs
      .filter((verb) => !rules.some((r) => r.apiGroups?.includes(group) && r.resources?.includes(resource) && r.verbs.includes(verb)))
      .map((verb) => `${verb} ${group || 'core'}/${resource}`)));

  it.each<[string, boolean]>([
    ['grants every cluster-wide rule the operator runs with in the end-to-end suites', true],
    ['grants every release-namespace rule the operator runs with in the end-to-end suites', false],
  ])('%s', (_sentence, clusterWide) => {
    const clusterRules = rulesOf(find(manifests, 'ClusterRole'));
    const namespaceRules = rulesOf(find(manifests, 'Role').filter((role) => role.metadata.namespace === 'switchyard-system'));
    const missing = clusterWide
      ? OPERATOR_CLUSTER_RULES.flatMap((rule) => grants(clusterRules, rule))
      : OPERATOR_NAMESPACE_RULES.flatMap((rule) => grants([...clusterRules, ...namespaceRules], rule));
    expect(missing).toEqual([]);
  });

  it('lets the operator keep its ConfigMaps in the release namespace and review proxy-status callers', () => {
    const namespaceRules = rulesOf(find(manifests, 'Role').filter((role) => role.metadata.namespace === 'switchyard-system'));
    expect(namespaceRules).toContainEqual({ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'patch', 'update', 'delete'] });
    expect(rulesOf(find(manifests, 'ClusterRole'))).toContainEqual({ apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] });
  });
});

describe('the operator Deployment', () => {
  const env = (): { name: string; value?: string }[] => {
    const deployment = find(manifests, 'Deployment')[0] as Manifest & { spec: { template: { spec: { containers: { env: { name: string; value?: string }[] }[] } } } };
    return deployment.spec.template.spec.containers[0]?.env ?? [];
  };

  it('binds the channel, webhook and metrics ports on every interface and runs the webhook', () => {
    expect(env()).toEqual(expect.arrayContaining([{ name: 'SWITCHYARD_BIND_ADDRESS', value: '0.0.0.0' }, { name: 'SWITCHYARD_WEBHOOK_ENABLED', value: 'true' }]));
  });

  it('refuses to render without the webhook unless the channel gets a certificate Secret', async () => {
    const refused = await helm(['template', 'sy', chart, '--set', 'webhook.enabled=false']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('channel.tls.secretName is required');
    const rendered = await render('switchyard-system', '--set', 'webhook.enabled=false', '--set', 'channel.tls.secretName=channel-tls');
    const deployment = find(rendered, 'Deployment')[0] as Manifest & { spec: { template: { spec: {
      containers: { env: { name: string; value?: string }[]; volumeMounts: { name: string; mountPath: string }[] }[];
      volumes: { name: string; secret?: { secretName: string } }[];
    } } } };
    const { containers, volumes } = deployment.spec.template.spec;
    expect(containers[0]?.env).toEqual(expect.arrayContaining([
      { name: 'SWITCHYARD_TLS_CERT_FILE', value: '/etc/switchyard/channel-tls/tls.crt' },
      { name: 'SWITCHYARD_TLS_KEY_FILE', value: '/etc/switchyard/channel-tls/tls.key' },
    ]));
    expect(containers[0]?.volumeMounts).toContainEqual(expect.objectContaining({ name: 'channel-tls', mountPath: '/etc/switchyard/channel-tls' }));
    expect(volumes).toContainEqual({ name: 'channel-tls', secret: { secretName: 'channel-tls' } });
  });

  it('sets only variables the operator or its webhook reads', () => {
    const readers = ['../../operator/src/commands/operator.ts', '../../operator/src/webhook/settings.ts', '../../operator/src/webhook/injector.ts']
      .map((path) => readFileSync(new URL(path, import.meta.url), 'utf8')).join('\n');
    // Read means named in code (env('X'), required('X'), env.X), not merely in help text.
    const read = (name: string): boolean => new RegExp(`'${name}'|env\\.${name}\\b`).test(readers);
    expect(env().map((variable) => variable.name).filter((name) => !read(name))).toEqual([]);
  });
});

describe('on the apiserver', () => {
  const release = `sy-${randomBytes(3).toString('hex')}`;
  let namespace = '';

  beforeAll(async () => {
    namespace = await createTestNamespace('chart');
  });

  afterAll(async () => {
    if (namespace) await helm(['uninstall', release, '--namespace', namespace]);
  });

  it('accepts the rendered NetworkPolicies (server-side dry run)', async () => {
    const policies = find(await render(namespace, '--set', 'networkPolicy.enabled=true', '--set', `networkPolicy.sidecars.namespaces={${namespace}}`), 'NetworkPolicy');
    expect(policies).toHaveLength(2);
    const accepted = await kubectl(['apply', '--dry-run=server', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: policies }) });
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
  });

  it("admits the operator's pod template under Pod Security \"restricted\"", async () => {
    const restricted = await createTestNamespace('chart-restricted');
    await ok(kubectl(['label', 'namespace', restricted, 'pod-security.kubernetes.io/enforce=restricted']));
    const deployment = find(await render(restricted), 'Deployment')[0] as Manifest & { spec: { template: { metadata: Record<string, unknown>; spec: unknown } } };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { ...deployment.spec.template.metadata, name: 'operator' }, spec: deployment.spec.template.spec };
    const accepted = await kubectl(['apply', '--dry-run=server', '-n', restricted, '-f', '-'], { stdin: JSON.stringify(pod) });
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    // The same namespace refuses a pod without the securityContext, so the check above is real.
    const loose = { ...pod, spec: { containers: [{ name: 'app', image: 'app:1' }] } };
    const refused = await kubectl(['apply', '--dry-run=server', '-n', restricted, '-f', '-'], { stdin: JSON.stringify(loose) });
    expect(refused.stderr).toContain('violates PodSecurity "restricted');
  });

  it('installs without waiting, and the release objects exist', async () => {
    // Scoped to a label no namespace has: this release's webhook (failurePolicy Fail, no operator
    // running here) must not refuse pods that other suites create meanwhile.
    const values = join(mkdtempSync(join(tmpdir(), 'switchyard-chart-')), 'values.yaml');
    writeFileSync(values, JSON.stringify({ webhook: { namespaceSelectorExpressions: [{ key: 'switchyard-e2e/chart-release', operator: 'In', values: [release] }] } }));
    await ok(helm(['install', release, chart, '--namespace', namespace, '--values', values, '--timeout', '60s'], { timeoutMs: 90_000 }));
    expect(await ok(helm(['status', release, '--namespace', namespace, '-o', 'json']))).toContain('"status":"deployed"');
    const fullname = `${release}-switchyard`;
    const namespaced = await ok(kubectl(['get', '-n', namespace, '-o', 'name',
      `deployment/${fullname}`, `service/${fullname}`, `serviceaccount/${fullname}`, `poddisruptionbudget/${fullname}`,
      'configmap/switchyard-ca', `role/${fullname}`, `rolebinding/${fullname}`]));
    expect(namespaced.trim().split('\n')).toHaveLength(7);
    const cluster = await ok(kubectl(['get', '-o', 'name', `clusterrole/${fullname}`, `clusterrolebinding/${fullname}`, `mutatingwebhookconfiguration/${fullname}`]));
    expect(cluster.trim().split('\n')).toHaveLength(3);
    const crds = await ok(kubectl(['get', 'crd', '-o', 'name']));
    expect(crds).toEqual(expect.stringContaining('modelroutes.switchyard.dev'));
  });
});
