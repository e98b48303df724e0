// `switchyard sidecar` parses what the injection webhook puts in a pod: the injected args must
// select the in-cluster mode with the data plane on loopback and the probes on the admin port
// the container's probes name.
import { afterEach, describe, expect, it } from '@jest/globals';
import { caFile, mountPaths, tokenFile } from '../webhook/labels.js';
import { defaultInjectionSettings, type InjectionSettings } from '../webhook/settings.js';
import { buildSidecarContainer } from '../webhook/sidecar-container.js';
import { parseSidecarCommand } from './sidecar.js';

/** The args as the kubelet runs them: $(VAR) references expanded from the container's env. */
function injectedArgs(settings: InjectionSettings): { args: string[]; adminPort: number | undefined; probePort: unknown } {
  const container = buildSidecarContainer(settings);
  const [command, ...args] = (container.args ?? []).map((arg) => arg.replace('$(POD_NAMESPACE)', 'team-a').replace('$(POD_NAME)', 'web-0'));
  expect(command).toBe('sidecar');
  return { args, adminPort: container.ports?.[0]?.containerPort, probePort: container.readinessProbe?.httpGet?.port };
}

const ENV = ['SWITCHYARD_OPERATOR_URL', 'SWITCHYARD_OPERATOR_CA_FILE', 'SWITCHYARD_TOKEN_FILE'] as const;
afterEach(() => {
  for (const name of ENV) delete process.env[name];
});

describe('the args the webhook injects', () => {
  it.each<[string, InjectionSettings]>([
    ['select cluster mode with the default ports', defaultInjectionSettings],
    ['select cluster mode with the ports the chart sets', { ...defaultInjectionSettings, port: 7080, adminPort: 7081, operatorUrl: 'https://sy.ops.svc:7443' }],
  ])('%s', (_sentence, settings) => {
    const { args, adminPort, probePort } = injectedArgs(settings);
    const command = parseSidecarCommand(args);
    expect(command).toEqual({
      mode: 'cluster',
      options: {
        operatorUrl: settings.operatorUrl, caFile, tokenFile, pod: 'team-a/web-0', stateDir: mountPaths.state,
        host: '127.0.0.1', port: settings.port, adminPort: settings.adminPort,
      },
    });
    expect(adminPort).toBe(settings.adminPort);
    expect(probePort).toBe(buildSidecarContainer(settings).ports?.[0]?.name);
  });
});

describe('the in-cluster mode', () => {
  it('takes the operator URL, CA and token files from the environment the webhook also sets', () => {
    process.env.SWITCHYARD_OPERATOR_URL = 'https://op:9443';
    process.env.SWITCHYARD_OPERATOR_CA_FILE = '/ca/ca.crt';
    process.env.SWITCHYARD_TOKEN_FILE = '/token/token';
    expect(parseSidecarCommand(['--pod', 'team-a/web-0'])).toMatchObject({
      mode: 'cluster', options: { operatorUrl: 'https://op:9443', caFile: '/ca/ca.crt', tokenFile: '/token/token', pod: 'team-a/web-0' },
    });
  });

  it('stays standalone with --config even when SWITCHYARD_OPERATOR_URL is set', () => {
    process.env.SWITCHYARD_OPERATOR_URL = 'https://op:9443';
    expect(parseSidecarCommand(['--config', 'examples/standalone'])).toMatchObject({ mode: 'standalone', args: { files: ['examples/standalone'] } });
  });

  it.each([
    ['refuses --config with --operator-url, naming both', ['--config', 'x', '--operator-url', 'y'], /--config and --operator-url/],
    ['refuses a standalone flag', ['--operator-url', 'y', '--ca-file', 'c', '--token-file', 't', '--pod', 'a/b', '--namespace', 'n'], /--namespace applies only with --config/],
    ['refuses an admin port out of range', ['--operator-url', 'y', '--ca-file', 'c', '--token-file', 't', '--pod', 'a/b', '--admin-port', '70000'], /--admin-port must be a number/],
  ])('%s', (_sentence, args, message) => {
    expect(() => parseSidecarCommand(args)).toThrow(message);
  });
});
