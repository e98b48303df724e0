import { describe, expect, it } from '@jest/globals';
import { otlpSettingsOf } from './otlp-settings.js';

describe('span export settings from the OTEL_* environment', () => {
  it.each([
    ['nothing set', {}],
    ['the SDK disabled', { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }],
    ['the traces exporter set to none', { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }],
    ['only a service name', { OTEL_SERVICE_NAME: 'x' }],
  ])('is off with %s', (_name, env) => {
    expect(otlpSettingsOf(env)).toEqual({ kind: 'off' });
  });

  it.each([
    ['the base endpoint gets /v1/traces', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/' }, 'http://c:4318/v1/traces'],
    ['the traces endpoint is taken as it is', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://t:443/custom' }, 'https://t:443/custom'],
  ])('%s', (_name, env, url) => {
    const outcome = otlpSettingsOf(env);
    expect(outcome.kind === 'on' ? outcome.settings.url : outcome.kind).toBe(url);
  });

  it('reads service name, resource attributes, headers, batching and the content switch', () => {
    const outcome = otlpSettingsOf({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
      OTEL_SERVICE_NAME: 'gw',
      OTEL_RESOURCE_ATTRIBUTES: 'k8s.namespace.name=team-a,service.name=ignored',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-a=1',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-a=2',
      OTEL_BSP_MAX_QUEUE_SIZE: '10',
      OTEL_BSP_SCHEDULE_DELAY: 'soon',
      OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'TRUE',
    });
    expect(outcome).toMatchObject({
      kind: 'on',
      warnings: [],
      settings: {
        resource: { 'k8s.namespace.name': 'team-a', 'service.name': 'gw' },
        headers: { authorization: 'Bearer abc', 'x-a': '2' },
        maxQueueSize: 10,
        scheduleDelayMs: 5000,
        captureContent: true,
      },
    });
  });

  it('keeps prompt content off by default and names the sidecar', () => {
    expect(otlpSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toMatchObject({
      kind: 'on', settings: { captureContent: false, resource: { 'service.name': 'switchyard-sidecar' } },
    });
  });

  it('warns that only JSON is spoken when another protocol is asked for', () => {
    const outcome = otlpSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expect(outcome.kind === 'on' ? outcome.warnings : []).toEqual(['OTLP protocol grpc: only http/json is spoken; sending JSON']);
  });

  it('refuses an endpoint that is not an http URL', () => {
    expect(otlpSettingsOf({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector:4317' })).toMatchObject({ kind: 'invalid' });
  });
});
