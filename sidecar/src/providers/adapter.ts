// The one interface every provider folder implements. The pipeline only ever talks to a
// ProviderAdapter; a new provider is a new folder plus one line in registry.ts.

import type { ProviderFlavor, ProviderType } from '@switchyard/contract';
import type { ClassifyOptions, HeaderLookup, UpstreamErrorClass } from '../errors/index.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  EmbeddingsRequest,
  EmbeddingsResponse,
  ResponseContext,
  StreamContext,
  Usage,
} from '../openai/index.js';
import type { StreamFraming, UpstreamEvent } from '../sse/index.js';

export type { StreamFraming, UpstreamEvent };

/** One concrete endpoint + model to send an attempt to, resolved from the compiled config. */
export interface Target {
  readonly provider: ProviderType;
  readonly flavor?: ProviderFlavor;
  /** API root as configured, e.g. https://api.openai.com/v1 or https://x.openai.azure.com. */
  readonly baseURL: string;
  /** The provider's model id. */
  readonly model: string;
  /** Azure OpenAI deployment name. */
  readonly deployment?: string;
  /** Azure OpenAI api-version query parameter. */
  readonly apiVersion?: string;
  /** Empty for keyless self-hosted endpoints (vLLM, Ollama). */
  readonly apiKey: string;
  /** The model's output cap; Anthropic requires max_tokens on every request. */
  readonly maxOutputTokens?: number;
}

export interface UpstreamRequest {
  readonly url: string;
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  /** Serialised JSON; a string, so nothing is shared between attempts. */
  readonly body: string;
}

/** Per-request stream state; create one for every attempt. */
export interface StreamTranslator {
  /** Throws a GatewayError for an in-stream provider error. */
  push(event: UpstreamEvent): ChatCompletionChunk[];
  /** Call at the end of the upstream body; throws `stream_interrupted` if it ended early. */
  finish(): ChatCompletionChunk[];
  /** Usage seen so far; budgets need it whether or not the client asked for it. */
  usage(): Usage | undefined;
}

export interface EmbeddingsAdapter {
  toUpstreamRequest(request: EmbeddingsRequest, target: Target): UpstreamRequest;
  fromUpstreamResponse(body: unknown, request: EmbeddingsRequest, ctx: ResponseContext): EmbeddingsResponse;
}

/**
 * Translates between the canonical OpenAI chat shape and one provider's wire format.
 * Every method is pure: it never mutates its arguments and returns equal output for equal
 * input, so the pipeline may call it again for each retry and failover target.
 *
 * @example
 * const adapter = adapterFor(target);
 * const upstream = adapter.toUpstreamRequest(request, target);
 * const res = await fetch(upstream.url, upstream);
 * if (!res.ok) throw toGatewayError(adapter.classifyError(res.status, res.headers, await res.text()));
 * return adapter.fromUpstreamResponse(await res.json(), ctx);
 */
export interface ProviderAdapter {
  /** `openai`, `anthropic`, `openai-compatible/mistral`, … for logs and metrics. */
  readonly name: string;
  /** How this provider frames its stream body; pick the decoder with it. */
  readonly streamFraming: StreamFraming;
  /** Throws GatewayError (`unsupported`, `invalid_request`) when the request cannot be expressed. */
  toUpstreamRequest(request: ChatCompletionRequest, target: Target): UpstreamRequest;
  /** Throws `upstream_invalid_response` when the body is not this provider's reply shape. */
  fromUpstreamResponse(body: unknown, ctx: ResponseContext): ChatCompletion;
  createStreamTranslator(ctx: StreamContext): StreamTranslator;
  classifyError(status: number, headers: HeaderLookup, bodyText: string, options?: ClassifyOptions): UpstreamErrorClass;
  /** Undefined when the provider has no embeddings endpoint. */
  readonly embeddings: EmbeddingsAdapter | undefined;
}
