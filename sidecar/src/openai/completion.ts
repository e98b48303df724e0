// The canonical response shapes: a chat completion, a stream chunk, and usage. Every provider's
// reply is translated into these before it reaches the client.

import type { ToolCall } from './chat.js';

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface Usage {
  /** Includes cached prompt tokens (OpenAI semantics). */
  prompt_tokens: number;
  /** Includes reasoning tokens (OpenAI semantics). */
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number; [key: string]: unknown };
  completion_tokens_details?: { reasoning_tokens?: number; audio_tokens?: number; [key: string]: unknown };
  /** Extension (LiteLLM spelling): Anthropic prompt-cache writes, priced differently from reads. */
  cache_creation_input_tokens?: number;
  /** Extension (LiteLLM spelling): Anthropic prompt-cache reads; also in cached_tokens. */
  cache_read_input_tokens?: number;
  [key: string]: unknown;
}

export interface ResponseMessage {
  role: 'assistant';
  content: string | null;
  refusal?: string | null;
  tool_calls?: ToolCall[];
  /** Reasoning text, DeepSeek spelling; the canonical home for every provider's thinking. */
  reasoning_content?: string;
  [key: string]: unknown;
}

export interface ChatCompletionChoice {
  index: number;
  message: ResponseMessage;
  finish_reason: FinishReason | null;
  logprobs?: unknown;
  [key: string]: unknown;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: ChatCompletionChoice[];
  usage?: Usage;
  system_fingerprint?: string | null;
  [key: string]: unknown;
}

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
  [key: string]: unknown;
}

export interface ChunkDelta {
  role?: 'assistant';
  content?: string | null;
  reasoning_content?: string | null;
  refusal?: string | null;
  tool_calls?: ToolCallDelta[];
  [key: string]: unknown;
}

export interface ChunkChoice {
  index: number;
  delta: ChunkDelta;
  finish_reason: FinishReason | null;
  logprobs?: unknown;
  [key: string]: unknown;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: ChunkChoice[];
  usage?: Usage | null;
  system_fingerprint?: string | null;
  [key: string]: unknown;
}

/** Identity and clock of one client request, supplied by the caller so translators stay pure. */
export interface ResponseContext {
  /** The gateway's request id; used when the upstream reply carries no id of its own. */
  readonly requestId: string;
  /** Unix seconds; used when the upstream reply carries no timestamp. */
  readonly created: number;
  /** The upstream model name; used when the reply does not name one. */
  readonly model: string;
}

export interface StreamContext extends ResponseContext {
  /** The client asked for stream_options.include_usage; the usage chunk is dropped otherwise. */
  readonly includeUsage: boolean;
}
