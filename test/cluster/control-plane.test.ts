// The local control plane is the real thing at the pinned versions, and the test tools reach it.
import { describe, expect, it } from '@jest/globals';
import { CoreV1Api, VersionApi } from '@kubernetes/client-node';
import { createTestNamespace, helm, kubectl, loadKubeConfig } from '../support/cluster.js';
import { pin } from '../support/versions.js';

function gitVersionAt(json: unknown, key: 'clientVersion' | 'serverVersion'): unknown {
  if (typeof json !== 'object' || json === null) return undefined;
  const section: unknown = (json as Record<string, unknown>)[key];
  if (typeof section !== 'object' || section === null) return undefined;
  return (section as Record<string, unknown>)['gitVersion'];
}

describe('the test control plane', () => {
  const kc = loadKubeConfig();

  it('reports the pinned kube-apiserver version through client-node', async () => {
    const info = await kc.makeApiClient(VersionApi).getCode();
    console.log(`kube-apiserver ${info.gitVersion} (${info.platform}, ${info.goVersion})`);
    expect(info.gitVersion).toBe(pin('K8S_VERSION'));
  });

  it('reports the same version to the pinned kubectl', async () => {
    const result = await kubectl(['version', '-o', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json: unknown = JSON.parse(result.stdout);
    expect(gitVersionAt(json, 'serverVersion')).toBe(pin('K8S_VERSION'));
    expect(gitVersionAt(json, 'clientVersion')).toBe(pin('KUBECTL_VERSION'));
  });

  it('stores a ConfigMap in a fresh namespace and serves it back to kubectl', async () => {
    const namespace = await createTestNamespace('control-plane');
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'probe' }, data: { route: 'chat-default' } },
    });
    const read = await core.readNamespacedConfigMap({ namespace, name: 'probe' });
    expect(read.data).toEqual({ route: 'chat-default' });
    const viaKubectl = await kubectl(['get', 'configmap', 'probe', '-n', namespace, '-o', 'jsonpath={.data.route}']);
    expect(viaKubectl).toEqual({ code: 0, stdout: 'chat-default', stderr: '' });
  });

  it('runs the pinned helm against the cluster', async () => {
    const version = await helm(['version', '--template', '{{.Version}}']);
    expect(version).toEqual({ code: 0, stdout: pin('HELM_VERSION'), stderr: '' });
    const namespace = await createTestNamespace('helm');
    const releases = await helm(['list', '-n', namespace, '-o', 'json']);
    expect(releases.code).toBe(0);
    expect(JSON.parse(releases.stdout)).toEqual([]);
  });
});
