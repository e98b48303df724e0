// `switchyard operator` as the CLI runs it: flags, kubeconfig, channel and metrics ports.
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { startOperatorCommand, type OperatorProcess } from '../../operator/src/commands/operator.js';
import { clusterEnv, waitFor } from '../support/cluster.js';
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
