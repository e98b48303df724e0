import { describe, expect, it } from '@jest/globals';
import { defaultInjectionSettings, injectionSettingsFromEnv, type InjectionSettings } from './settings.js';

describe('injectionSettingsFromEnv', () => {
  it('keeps every default when nothing is set', () => {
    expect(injectionSettingsFromEnv({})).toEqual(defaultInjectionSettings);
  });

  it.each<[string, Record<string, string>, Partial<InjectionSettings>]>([
    ['reads the image, ports and operator location the chart sets', {
      SWITCHYARD_SIDECAR_IMAGE: 'r/s:1', SWITCHYARD_SIDECAR_PORT: '7000', SWITCHYARD_SIDECAR_ADMIN_PORT: '7001',
      SWITCHYARD_OPERATOR_URL: 'https://op.ns.svc:9443', SWITCHYARD_OPERATOR_NAMESPACE: 'ns',
    }, { image: 'r/s:1', port: 7000, adminPort: 7001, operatorUrl: 'https://op.ns.svc:9443', operatorNamespace: 'ns' }],
    ['reads resources as the JSON the chart renders with toJson', {
      SWITCHYARD_SIDECAR_RESOURCES: '{"requests":{"cpu":"10m"},"limits":{"memory":"64Mi"}}',
    }, { resources: { requests: { cpu: '10m' }, limits: { memory: '64Mi' } } }],
    ['treats an empty variable as unset', { SWITCHYARD_SIDECAR_IMAGE: '' }, { image: defaultInjectionSettings.image }],
  ])('%s', (_sentence, env, expected) => {
    expect(injectionSettingsFromEnv(env)).toMatchObject(expected);
  });

  it.each<[string, Record<string, string>, string]>([
    ['refuses a port that is not a number', { SWITCHYARD_SIDECAR_PORT: 'http' }, 'SWITCHYARD_SIDECAR_PORT must be a port number'],
    ['refuses an unknown pull policy', { SWITCHYARD_SIDECAR_IMAGE_PULL_POLICY: 'Sometimes' }, 'must be Always, IfNotPresent or Never'],
    ['refuses root as the sidecar uid', { SWITCHYARD_SIDECAR_RUN_AS_USER: '0' }, 'non-zero uid'],
    ['refuses resources that are not JSON', { SWITCHYARD_SIDECAR_RESOURCES: 'cpu=1' }, 'must be JSON'],
    ['refuses resources other than cpu and memory', { SWITCHYARD_SIDECAR_RESOURCES: '{"requests":{"gpu":"1"}}' }, 'only cpu and memory'],
  ])('%s', (_sentence, env, message) => {
    expect(() => injectionSettingsFromEnv(env)).toThrow(message);
  });
});
