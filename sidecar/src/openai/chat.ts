// The canonical request: OpenAI chat completions, as apps send it. Every provider translates
// from this shape. Fields the gateway does not know stay on the object (index signature) so the
// OpenAI family can pass them through untouched.

import type { JsonObject } from './json.js';

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

export interface TextPart {
  type: 'text';
  text: string;
}

export interface ImageURLPart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

export interface InputAudioPart {
  type: 'input_audio';
  input_audio: { data: string; format: string };
}

export interface RefusalPart {
  type: 'refusal';
  refusal: string;
}

export type UserContentPart = TextPart | ImageURLPart | InputAudioPart;
export type AssistantContentPart = TextPart | RefusalPart;

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface SystemMessage {
  role: 'system';
  content: string | TextPart[];
  name?: string;
}

export interface DeveloperMessage {
  role: 'developer';
  content: string | TextPart[];
  name?: string;
}

export interface UserMessage {
  role: 'user';
  content: string | UserContentPart[];
  name?: string;
}

export interface AssistantMessage {
  role: 'assistant';
  content?: string | AssistantContentPart[] | null;
  tool_calls?: ToolCall[];
  refusal?: string | null;
  name?: string;
  /** DeepSeek/Qwen spelling of reasoning text; replayed only to providers that accept it. */
  reasoning_content?: string | null;
}

export interface ToolMessage {
  role: 'tool';
  content: string | TextPart[];
  tool_call_id: string;
}

export type ChatMessage = SystemMessage | DeveloperMessage | UserMessage | AssistantMessage | ToolMessage;

export interface FunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: JsonObject; strict?: boolean | null };
}

export type ToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };

export interface JsonSchemaFormat {
  name: string;
  description?: string;
  schema?: JsonObject;
  strict?: boolean | null;
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: JsonSchemaFormat };

export interface StreamOptions {
  include_usage?: boolean;
  [key: string]: unknown;
}

export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  tools?: FunctionTool[];
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: ResponseFormat;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  stop?: string | string[] | null;
  n?: number | null;
  user?: string;
  seed?: number | null;
  stream?: boolean | null;
  stream_options?: StreamOptions | null;
  /** Unknown fields are preserved for pass-through to the OpenAI family. */
  [key: string]: unknown;
}

/** The output-token cap the client asked for, whichever spelling it used. */
export function requestedMaxTokens(request: ChatCompletionRequest): number | undefined {
  return request.max_completion_tokens ?? request.max_tokens ?? undefined;
}

/** Stop sequences as a list, whichever form the client used. */
export function stopSequences(request: ChatCompletionRequest): string[] | undefined {
  const stop = request.stop;
  if (stop === undefined || stop === null) return undefined;
  return typeof stop === 'string' ? [stop] : stop;
}

/** Plain text of a message's content; non-text parts are skipped. */
export function contentText(content: string | readonly (UserContentPart | AssistantContentPart)[] | null | undefined): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
