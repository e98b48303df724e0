// In-process stand-ins for what runs in a pod: the operator (startOperator, as runOperator
// wires it) and sidecars (runClusterSidecar, as the CLI wires it), each sidecar with its own
// token file and state dir.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { silentLogger as silentOperatorLog, type Logger as OperatorLogger } from '../../../operator/src/log.js';
import { startOperator, type LeaderElectionOptions, type RunningOperator } from '../../../operator/src/operator.js';
import type { KubePort } from '../../../operator/src/kube/port.js';
import { runClusterSidecar, type ClusterSidecar } from '../../../sidecar/src/channel/run.js';
import { silentLogger } from '../../../sidecar/src/metrics/log.js';
import { clusterEnv } from '../../support/cluster.js';

export function pkiPath(file: string): string {
  return join(clusterEnv('SWITCHYARD_CLUSTER_DIR'), 'pki', file);
}

export interface OperatorStart {
  readonly kc: KubeConfig;
  readonly port?: number;
  readonly identity?: string;
  readonly leaderElection?: LeaderElectionOptions | null;
  readonly kubePort?: KubePort;
  readonly log?: OperatorLogger;
  /** Where the operator keeps its route memory ConfigMaps; none: in memory only. */
  readonly stateNamespace?: string;
  /** The suite's namespaces: operators of suites running in parallel must not fight over status. */
  readonly namespaces?: readonly string[];
}

export async function startTestOperator(options: OperatorStart): Promise<RunningOperator> {
  const [cert, key, clientCa] = await Promise.all([readFile(pkiPath('webhook.crt')), readFile(pkiPath('webhook.key')), readFile(pkiPath('ca.crt'))]);
  return startOperator({
    kubeConfig: options.kc,
    ...(options.identity === undefined ? {} : { identity: options.identity }),
    channel: { port: options.port ?? 0, cert, key, clientCa, pingMs: 2000 },
    leaderElection: options.leaderElection ?? null,
    resyncMs: 10_000,
    ...(options.stateNamespace === undefined ? {} : { stateNamespace: options.stateNamespace }),
    ...(options.namespaces === undefined ? {} : { namespaces: options.namespaces }),
    log: options.log ?? silentOperatorLog,
    ...(options.kubePort === undefined ? {} : { port: options.kubePort }),
  });
}

export interface FleetMember {
  readonly pod: string;
  readonly tokenFile: string;
  readonly stateDir: string;
  running: ClusterSidecar;
}

export async function writeToken(token: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-token-'));
  const file = join(dir, 'token');
  await writeFile(file, token, { mode: 0o600 });
  return file;
}

export async function startMember(operatorUrl: string, pod: string, tokenFile: string, stateDir: string): Promise<ClusterSidecar> {
  return runClusterSidecar({ operatorUrl, caFile: pkiPath('ca.crt'), tokenFile, pod, stateDir, port: 0, log: silentLogger });
}

export async function startFleet(operatorUrl: string, members: readonly { pod: string; token: string }[]): Promise<FleetMember[]> {
  return Promise.all(members.map(async ({ pod, token }) => {
    const tokenFile = await writeToken(token);
    const stateDir = await mkdtemp(join(tmpdir(), 'switchyard-state-'));
    return { pod, tokenFile, stateDir, running: await startMember(operatorUrl, pod, tokenFile, stateDir) };
  }));
}

export async function stopFleet(fleet: readonly FleetMember[]): Promise<void> {
  await Promise.all(fleet.map((member) => member.running.close(0)));
}
