// OpenTelemetry span export over OTLP/HTTP JSON to a real local HTTP server standing in for a
// collector: configured by the standard OTEL_* variables, one span per sampled request in the
// client's trace with GenAI attributes, unsampled traces left out, no prompt content unless
// asked for, and a collector that fails costs spans (counted), never requests.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseSamples, total } from '../support/prometheus.js';
import { waitFor } from '../support/wait.js';
import { startObservabilityRig, type ObservabilityRig } from './observability-rig.js';

interface Attribute { key: string; value: Record<string, unknown> }
interface Span { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; startTimeUnixNano: string; endTimeUnixNano: string; attributes: Attribute[]; status: { code: number } }
interface Export { resourceSpans: { resource: { attributes: Attribute[] }; scopeSpans: { spans: Span[] }[] }[] }

const CLIENT_SPAN = '00f067aa0ba902b7';

let collector: Server;
let received: { path: string; contentType: string; body: Export }[] = [];
let collectorStatus = 200;
let rig: ObservabilityRig;

beforeAll(async () => {
  collector = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { text += chunk; });
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: JSON.parse(text) as Export });
      res.writeHead(collectorStatus, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  collector.listen(0, '127.0.0.1');
  await once(collector, 'listening');
  const { port } = collector.address() as AddressInfo;
  rig = await startObservabilityRig({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}/`,
      OTEL_SERVICE_NAME: 'obs-sidecar',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test,team=a%20b',
      OTEL_BSP_SCHEDULE_DELAY: '50',
    },
  });
});

afterAll(async () => {
  await rig.close();
  collector.close();
});

function spans(): { span: Span; resource: Attribute[] }[] {
  return received.flatMap((entry) => entry.body.resourceSpans.flatMap((resourceSpan) =>
    resourceSpan.scopeSpans.flatMap((scope) => scope.spans.map((span) => ({ span, resource: resourceSpan.resource.attributes })))));
}

function attributes(list: readonly Attribute[]): Record<string, unknown> {
  return Object.fromEntries(list.map((attribute) => [attribute.key, Object.values(attribute.value)[0]]));
}

async function spanOf(traceId: string): Promise<{ span: Span; resource: Attribute[] }> {
  await waitFor(() => spans().some(({ span }) => span.traceId === traceId), 10_000);
  const found = spans().find(({ span }) => span.traceId === traceId);
  if (found === undefined) throw new Error('span vanished');
  return found;
}

describe('span export over OTLP/HTTP JSON', () => {
  it('sends one span per request in the client trace, with GenAI attributes and the resource', async () => {
    const traceId = '11112222333344445555666677778888';
    const reply = await rig.chat('anthropic', { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` } });
    expect(reply.status).toBe(200);
    const { span, resource } = await spanOf(traceId);
    expect(received[0]?.path).toBe('/v1/traces');
    expect(received[0]?.contentType).toBe('application/json');
    expect(`00-${span.traceId}-${span.spanId}-01`).toBe(reply.headers['traceparent']);
    expect(span.parentSpanId).toBe(CLIENT_SPAN);
    expect(span.name).toBe('chat claude-haiku-4-5');
    expect(span.kind).toBe(2);
    expect(BigInt(span.endTimeUnixNano)).toBeGreaterThan(BigInt(span.startTimeUnixNano));
    expect(Math.abs(Number(BigInt(span.startTimeUnixNano) / 1_000_000n) - Date.now())).toBeLessThan(60_000);
    expect(attributes(span.attributes)).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'anthropic',
      'gen_ai.request.model': 'claude-haiku-4-5',
      'gen_ai.response.model': 'claude-haiku-4-5',
      'gen_ai.usage.input_tokens': expect.stringMatching(/^[1-9][0-9]*$/),
      'gen_ai.usage.output_tokens': expect.stringMatching(/^[1-9][0-9]*$/),
      'http.response.status_code': '200',
      'switchyard.route': 'obs-anthropic',
      'switchyard.request_id': reply.headers['x-request-id'],
      'switchyard.provider_request_id': reply.headers['x-switchyard-provider-request-id'],
    });
    expect(attributes(resource)).toMatchObject({ 'service.name': 'obs-sidecar', 'deployment.environment': 'test', team: 'a b' });
  });

  it('leaves prompt and response content out unless asked for', async () => {
    const traceId = '2222333344445555666677778888aaaa';
    await rig.chat('openai', { content: 'secret plans for friday', headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` } });
    const { span } = await spanOf(traceId);
    expect(JSON.stringify(span)).not.toContain('secret plans');
    expect(Object.keys(attributes(span.attributes))).not.toContain('gen_ai.input.messages');
  });

  it('exports prompt and answer when the GenAI content switch is on', async () => {
    const { port } = collector.address() as AddressInfo;
    const capturing = await startObservabilityRig({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_BSP_SCHEDULE_DELAY: '50', OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true' },
    });
    try {
      const traceId = '2222333344445555666677778888bbbb';
      const reply = await capturing.chat('openai', { content: 'plans for friday', headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` } });
      const { span } = await spanOf(traceId);
      const exported = attributes(span.attributes);
      expect(JSON.parse(String(exported['gen_ai.input.messages']))).toEqual([{ role: 'user', content: 'plans for friday' }]);
      expect(JSON.parse(String(exported['gen_ai.output.messages']))).toEqual((JSON.parse(reply.text) as { choices: unknown }).choices);
    } finally {
      await capturing.close();
    }
  });

  it('marks a failed request as an error span', async () => {
    const traceId = '3333444455556666777788889999bbbb';
    rig.sims.gemini.script({ errorKind: 'overloaded' });
    await rig.chat('gemini', { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` } });
    const { span } = await spanOf(traceId);
    expect(span.status.code).toBe(2);
    expect(attributes(span.attributes)['error.type']).toBe('upstream_overloaded');
  });

  it('exports nothing for a trace the client did not sample', async () => {
    const unsampled = '4444555566667777888899990000cccc';
    const sampled = '5555666677778888999900001111dddd';
    await rig.chat('openai', { headers: { traceparent: `00-${unsampled}-${CLIENT_SPAN}-00` } });
    await rig.chat('openai', { headers: { traceparent: `00-${sampled}-${CLIENT_SPAN}-01` } });
    await spanOf(sampled);
    expect(spans().some(({ span }) => span.traceId === unsampled)).toBe(false);
  });

  it('drops and counts spans a failing collector refuses, while requests carry on', async () => {
    collectorStatus = 503;
    received = [];
    const before = total(parseSamples(await rig.scrape()), 'switchyard_trace_spans_dropped_total', { reason: 'export_failed' });
    const reply = await rig.chat('openai');
    expect(reply.status).toBe(200);
    await waitFor(async () => total(parseSamples(await rig.scrape()), 'switchyard_trace_spans_dropped_total', { reason: 'export_failed' }) > before, 10_000);
    collectorStatus = 200;
    expect(total(parseSamples(await rig.scrape()), 'switchyard_trace_spans_exported_total')).toBeGreaterThanOrEqual(4);
  });
});
