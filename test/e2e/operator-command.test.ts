// `switchyard operator` as the CLI runs it: flags, kubeconfig, channel and metrics ports; with
// --webhook and no TLS files, the channel serves the injector's self-managed certificate.
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { CoreV1Api } from '@kubernetes/client-node';
import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { startOperatorCommand, type OperatorProcess } from '../../operator/src/commands/operator.js';
import { clusterEnv, createTestNamespace, loadKubeConfig, waitFor } from '../support/cluster.js';
import { installCrds } from './support/cluster-objects.js';
import { pkiPath } from './support/fleet.js';

jest.setTimeout(60_000);

let running: OperatorProcess | undefined;

afterAll(async () => {
  await running?.stop();
});

describe('switchyard operator', () => {
  it('starts from flags and serves its metrics', async () => {
    await installCrds();
    running = await startOperatorCommand([
      '--kubeconfig', clusterEnv('KUBECONFIG'), '--tls-cert', pkiPath('webhook.crt'), '--tls-key', pkiPath('webhook.key'),
      '--channel-port', '0', '--metrics-port', '0', '--resync-period', '5', '--watch-namespace', 'switchyard-none',
    ]);
    expect(running?.channelPort).toBeGreaterThan(0);
    const metrics = await (await fetch(`http://127.0.0.1:${running!.metricsPort}/metrics`)).text();
    for (const name of ['switchyard_operator_reconciles_total', 'switchyard_operator_propagation_seconds', 'switchyard_operator_snapshot_pushes_total', 'switchyard_operator_nacks_total']) {
      expect(metrics).toContain(name);
    }
    // Ready once every informer has listed; one may need a restart while the new CRDs settle.
    await waitFor(async () => (await fetch(`http://127.0.0.1:${running!.metricsPort}/readyz`)).status === 200, 10_000, 100);
  });

  it('prints its flags with --help', async () => {
    let text = '';
    expect(await startOperatorCommand(['--help'], (t) => { text += t; })).toBeUndefined();
    expect(text).toContain('--leader-elect');
  });
});

/** The certificate served on `port`, verified against `ca` for the name localhost. */
function servedCertificate(port: number, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost', ALPNProtocols: ['h2', 'http/1.1'] }, () => {
      const fingerprint = socket.getPeerX509Certificate()?.fingerprint256 ?? '';
      socket.destroy();
      resolve(fingerprint);
    });
    socket.once('error', reject);
  });
}

describe('switchyard operator --webhook', () => {
  it('serves the channel with the webhook\'s self-managed certificate when no TLS files are given', async () => {
    await installCrds();
    const namespace = await createTestNamespace('operator-webhook');
    // What the chart's Deployment sets for the injector (a configuration that does not exist
    // here: the caBundle patch is skipped, the certificate is still issued).
    const chartEnv: Record<string, string> = {
      SWITCHYARD_WEBHOOK_TLS_SECRET: 'switchyard-tls',
      SWITCHYARD_WEBHOOK_CONFIGURATION: `switchyard-absent-${namespace}`,
      SWITCHYARD_SERVICE_HOSTS: 'localhost,127.0.0.1',
    };
    const saved = Object.fromEntries(Object.keys(chartEnv).map((name) => [name, process.env[name]]));
    Object.assign(process.env, chartEnv);
    let webhooked: OperatorProcess | undefined;
    try {
      webhooked = await startOperatorCommand([
        '--kubeconfig', clusterEnv('KUBECONFIG'), '--webhook', '--webhook-port', '0', '--namespace', namespace,
        '--channel-port', '0', '--metrics-port', '0', '--watch-namespace', 'switchyard-none',
      ]);
      expect(webhooked?.webhookPort).toBeGreaterThan(0);
      const secret = await loadKubeConfig().makeApiClient(CoreV1Api).readNamespacedSecret({ namespace, name: 'switchyard-tls' });
      const text = (key: string): string => Buffer.from(secret.data?.[key] ?? '', 'base64').toString('utf8');
      const expected = new X509Certificate(text('tls.crt')).fingerprint256;
      expect(await servedCertificate(webhooked!.channelPort, text('ca.crt'))).toBe(expected);
      expect(await servedCertificate(webhooked!.webhookPort!, text('ca.crt'))).toBe(expected);
    } finally {
      await webhooked?.stop();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('refuses to start with neither TLS files nor --webhook', async () => {
    await expect(startOperatorCommand(['--kubeconfig', clusterEnv('KUBECONFIG')])).rejects.toThrow('--tls-cert and --tls-key are required without --webhook');
  });
});
