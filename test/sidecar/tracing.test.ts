// Trace context and request ids end to end: a client's W3C traceparent is continued through the
// sidecar (one span: same trace id, its own span id) to the provider simulator and back in the
// response, errors and streams included; an invalid one starts a new trace; the provider's own
// request id comes back as x-switchyard-provider-request-id; and the request's log line and
// metrics are found by the trace id.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseSamples, total } from '../support/prometheus.js';
import { PROVIDER_NAMES, startObservabilityRig, type ObservabilityRig, type ProviderName } from './observability-rig.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-(0[01])$/;

let rig: ObservabilityRig;

beforeAll(async () => {
  rig = await startObservabilityRig();
});

afterAll(async () => {
  await rig.close();
});

function traceparentParts(value: string | undefined): { traceId: string; spanId: string; flags: string } {
  const match = TRACEPARENT.exec(value ?? '');
  if (match === null) throw new Error(`not a version-00 traceparent: ${String(value)}`);
  return { traceId: match[1] ?? '', spanId: match[2] ?? '', flags: match[3] ?? '' };
}

function lastUpstreamHeaders(provider: ProviderName): Record<string, string> {
  const received = rig.sims[provider].requests.at(-1);
  if (received === undefined) throw new Error(`${provider} received nothing`);
  return received.headers;
}

/** The provider's own id: a header for OpenAI and Anthropic; Gemini's body responseId, which is the completion id. */
const PROVIDER_ID: Readonly<Record<ProviderName, (body: { id: string }) => RegExp | string>> = {
  openai: () => /^req_[0-9a-f]{32}$/,
  anthropic: () => /^req_011C/,
  gemini: (body) => body.id,
};

describe('a client trace continued through the sidecar', () => {
  it.each(PROVIDER_NAMES)('reaches the %s simulator with the same trace id and comes back with the sidecar span', async (provider) => {
    const requestId = `client-${provider}-42`;
    const reply = await rig.chat(provider, { headers: { traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01`, tracestate: 'vendor=abc,other=1', 'x-request-id': requestId } });
    expect(reply.status).toBe(200);
    const answered = traceparentParts(reply.headers['traceparent']);
    expect(answered.traceId).toBe(TRACE_ID);
    expect(answered.spanId).not.toBe(CLIENT_SPAN);
    expect(answered.flags).toBe('01');
    expect(reply.headers['x-request-id']).toBe(requestId);
    const upstream = lastUpstreamHeaders(provider);
    expect(upstream['traceparent']).toBe(reply.headers['traceparent']);
    expect(upstream['tracestate']).toBe('vendor=abc,other=1');
    expect(upstream['x-request-id']).toBe(requestId);
    const expected = PROVIDER_ID[provider](JSON.parse(reply.text) as { id: string });
    const providerId = reply.headers['x-switchyard-provider-request-id'];
    if (typeof expected === 'string') expect(providerId).toBe(expected);
    else expect(providerId).toMatch(expected);
  });

  it('finds the log line and the metrics of a request by its trace id', async () => {
    const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const reply = await rig.chat('anthropic', { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` } });
    expect(reply.status).toBe(200);
    const line = rig.logLines.find((entry) => entry['traceId'] === traceId);
    expect(line).toMatchObject({
      requestId: reply.headers['x-request-id'],
      route: 'obs-anthropic',
      provider: 'anthropic',
      status: 200,
      providerRequestId: reply.headers['x-switchyard-provider-request-id'],
    });
    const samples = parseSamples(await rig.scrape());
    expect(total(samples, 'switchyard_requests_total', { route: 'obs-anthropic', provider: 'anthropic', model: 'claude-haiku-4-5', code: '200' })).toBeGreaterThanOrEqual(1);
    expect(total(samples, 'switchyard_request_duration_seconds_count', { route: 'obs-anthropic', provider: 'anthropic' })).toBeGreaterThanOrEqual(1);
  });

  it('keeps an unsampled trace unsampled upstream', async () => {
    const reply = await rig.chat('openai', { headers: { traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-00` } });
    expect(traceparentParts(reply.headers['traceparent']).flags).toBe('00');
    expect(traceparentParts(lastUpstreamHeaders('openai')['traceparent']).flags).toBe('00');
  });

  it('carries the trace through a stream, with the provider request id', async () => {
    const reply = await rig.chat('openai', { stream: true, headers: { traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01` } });
    expect(reply.headers['content-type']).toContain('text/event-stream');
    expect(traceparentParts(reply.headers['traceparent']).traceId).toBe(TRACE_ID);
    expect(lastUpstreamHeaders('openai')['traceparent']).toBe(reply.headers['traceparent']);
    expect(reply.headers['x-switchyard-provider-request-id']).toMatch(/^req_/);
  });
});

describe('a traceparent that is not valid W3C starts a new trace', () => {
  it.each([
    ['version ff is forbidden', `ff-${TRACE_ID}-${CLIENT_SPAN}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${CLIENT_SPAN}-01`],
    ['an all-zero parent id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['upper-case hex', `00-${TRACE_ID.toUpperCase()}-${CLIENT_SPAN}-01`],
    ['a short trace id', `00-${TRACE_ID.slice(2)}-${CLIENT_SPAN}-01`],
    ['version 00 with a trailing field', `00-${TRACE_ID}-${CLIENT_SPAN}-01-extra`],
    ['flags that are not hex', `00-${TRACE_ID}-${CLIENT_SPAN}-zz`],
    ['plain garbage', 'not-a-trace'],
  ])('%s', async (_name, traceparent) => {
    const reply = await rig.chat('openai', { headers: { traceparent, tracestate: 'vendor=abc' } });
    expect(reply.status).toBe(200);
    const answered = traceparentParts(reply.headers['traceparent']);
    expect(answered.traceId).not.toBe(TRACE_ID);
    const upstream = lastUpstreamHeaders('openai');
    expect(upstream['traceparent']).toBe(reply.headers['traceparent']);
    // The spec drops tracestate together with an invalid traceparent.
    expect(upstream['tracestate']).toBeUndefined();
  });

  it('continues a later version it cannot fully read, as the spec asks', async () => {
    const reply = await rig.chat('openai', { headers: { traceparent: `01-${TRACE_ID}-${CLIENT_SPAN}-01-future` } });
    expect(traceparentParts(reply.headers['traceparent']).traceId).toBe(TRACE_ID);
  });

  it('makes up both ids when the client sends neither', async () => {
    const reply = await rig.chat('gemini');
    const answered = traceparentParts(reply.headers['traceparent']);
    expect(answered.flags).toBe('01');
    expect(reply.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const upstream = lastUpstreamHeaders('gemini');
    expect(upstream['traceparent']).toBe(reply.headers['traceparent']);
    expect(upstream['x-request-id']).toBe(reply.headers['x-request-id']);
  });
});

describe('error answers carry the trace too', () => {
  it('on a refusal before any provider is asked', async () => {
    const reply = await rig.send('/v1/chat/completions', { model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }, {
      traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01`, 'x-request-id': 'refused-1',
    });
    expect(reply.status).toBe(404);
    expect(traceparentParts(reply.headers['traceparent']).traceId).toBe(TRACE_ID);
    expect(reply.headers['x-request-id']).toBe('refused-1');
  });

  it('on a provider error, which also reached the provider with the trace', async () => {
    rig.sims.openai.script({ errorKind: 'rate_limit' });
    const reply = await rig.chat('openai', { headers: { traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01` } });
    expect(reply.status).toBe(429);
    expect(traceparentParts(reply.headers['traceparent']).traceId).toBe(TRACE_ID);
    expect(lastUpstreamHeaders('openai')['traceparent']).toBe(reply.headers['traceparent']);
    // Only a served attempt's id is reported: the client got the gateway's error, not that answer.
    expect(reply.headers['x-switchyard-provider-request-id']).toBeUndefined();
  });

  it('on malformed HTTP answered before any exchange', async () => {
    const { connect } = await import('node:net');
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(rig.sidecar.port, '127.0.0.1', () => socket.write('NONSENSE\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => { text += chunk; });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(raw).toMatch(/\r\ntraceparent: 00-[0-9a-f]{32}-[0-9a-f]{16}-01\r\n/);
  });
});
