// Stage 5 for streams: upstream bytes → events (the adapter's framing) → canonical chunks (the
// adapter's translator) → OpenAI SSE to the client, each piece written as soon as it arrives,
// pausing while the client's socket is full. The first write is the commit point: before it a
// failure is the attempt's (another candidate may serve); after it the stream ends with exactly
// one error event and no [DONE].

import { once } from 'node:events';
import type { Exchange } from '../http/exchange.js';
import type { ChatCompletionChunk, StreamContext } from '../openai/index.js';
import type { ChunkRestorer } from '../pii/index.js';
import type { ProviderAdapter, StreamTranslator, UpstreamEvent } from '../providers/index.js';
import { createUpstreamDecoder, formatSseChunk, formatSseError, SSE_DONE, SSE_RESPONSE_HEADERS } from '../sse/index.js';
import { reportBodyRequestId } from '../tracing/provider-request-id.js';
import { ABORTED, broken, failed, SERVED, type AttemptOutcome } from './failure.js';
import type { UpstreamSuccess } from './upstream.js';

export interface StreamRelay {
  readonly adapter: ProviderAdapter;
  readonly ctx: StreamContext;
  readonly served: Readonly<Record<string, string>>;
  /** Puts redacted PII values back, holding back only a possible placeholder prefix. */
  readonly restorer?: ChunkRestorer | undefined;
}

export async function relayStream(ex: Exchange, upstream: UpstreamSuccess, relay: StreamRelay): Promise<AttemptOutcome> {
  const client = new ClientStream(ex, relay.served);
  const decoder = createUpstreamDecoder(relay.adapter.streamFraming);
  const translator = relay.adapter.createStreamTranslator(relay.ctx);
  const format = chunkWriter(relay.restorer);
  let firstId: string | undefined;
  const write = (chunk: ChatCompletionChunk): string => {
    firstId ??= chunk.id;
    return format(chunk);
  };
  try {
    for await (const piece of upstream.body as AsyncIterable<Buffer>) {
      const text = translate(decoder.push(piece), translator, write);
      if (!client.committed) reportBodyRequestId(ex, firstId, relay.ctx.requestId);
      await client.send(text);
    }
    const tail = translate(decoder.end(), translator, write) + translator.finish().map(write).join('');
    const held = relay.restorer?.flush({ id: relay.ctx.requestId, created: relay.ctx.created, model: relay.ctx.model });
    await client.send(held === undefined ? tail : tail + formatSseChunk(held));
    ex.report.usage = translator.usage() ?? null;
    client.finish();
    return SERVED;
  } catch (error) {
    // What the provider counted before the cut is still charged.
    ex.report.usage = translator.usage() ?? null;
    if (ex.signal.aborted) return ABORTED;
    const failure = upstream.failureOf(error);
    if (!client.committed) return failed(failure);
    // Past the commit point nothing is retried: a re-sent prompt would duplicate content and cost.
    ex.report.errorCode = failure.error.code;
    client.fail(failure.error);
    return broken(failure);
  }
}

function chunkWriter(restorer: ChunkRestorer | undefined): (chunk: ChatCompletionChunk) => string {
  return restorer === undefined ? formatSseChunk : (chunk) => formatSseChunk(restorer.restoreChunk(chunk));
}

function translate(events: readonly UpstreamEvent[], translator: StreamTranslator, write: (chunk: ChatCompletionChunk) => string): string {
  let text = '';
  for (const event of events) {
    for (const chunk of translator.push(event)) text += write(chunk);
  }
  return text;
}

/** The client side of a stream; commits (status + headers) with its first write. */
class ClientStream {
  committed = false;

  constructor(private readonly ex: Exchange, private readonly served: Readonly<Record<string, string>>) {}

  async send(text: string): Promise<void> {
    if (text === '') return;
    this.commit();
    if (!this.ex.res.write(text)) await once(this.ex.res, 'drain', { signal: this.ex.signal });
  }

  finish(): void {
    this.commit();
    this.ex.res.end(SSE_DONE);
  }

  fail(error: unknown): void {
    const { res } = this.ex;
    if (res.destroyed || res.writableEnded) return;
    res.end(formatSseError(error));
  }

  private commit(): void {
    if (this.committed) return;
    this.committed = true;
    this.ex.report.streaming = true;
    this.ex.report.firstChunkMs = performance.now() - this.ex.startedAt;
    this.ex.res.writeHead(200, { ...SSE_RESPONSE_HEADERS, ...this.served, 'x-request-id': this.ex.requestId });
  }
}
