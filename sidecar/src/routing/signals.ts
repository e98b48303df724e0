// Everything about a chat request that bears on the choice of target, computed once per request:
// the headers that steer it, the last user turn and its language, modalities, a token estimate,
// tool and JSON-schema needs, and the classifier's intent. The last user turn is what a request
// asks for; system prompts are the app's boilerplate and are not read for language or intent.

import type { IncomingHttpHeaders } from 'node:http';
import type { ChatCompletionRequest, ChatMessage } from '../openai/index.js';
import type { IntentScore } from './intent.js';
import { detectLanguage, type LanguageSignal } from './language.js';
import type { RoutePlan } from './plan.js';
import { estimateTextTokens, TOKENS_PER_MESSAGE } from './tokens.js';

/** OpenAI's charge for a 1024×1024 image at high detail (85 + 4 tiles × 170); a budgeting guess. */
export const TOKENS_PER_IMAGE = 765;

export interface Modalities {
  readonly image: number;
  readonly audio: number;
}

export interface RequestSignals {
  /** The route's use-case header, if sent. */
  readonly useCase: string | undefined;
  /** The target a client named in the override header; only read when the route permits it. */
  readonly override: string | undefined;
  /** The data-class header, if the route has one and the client sent it. */
  readonly dataClass: string | undefined;
  /** Text of the last user turn. */
  readonly text: string;
  /** `text` lower-cased, or '' when no rule has keywords. */
  readonly lowerText: string;
  readonly language: LanguageSignal;
  /** Parts of each kind across all messages. */
  readonly modalities: Modalities;
  /** Estimated prompt tokens: every message, tool definitions and images. */
  readonly promptTokens: number;
  /** The output cap the client asked for; null when it set none. */
  readonly outputTokens: number | null;
  readonly needsTools: boolean;
  readonly needsJsonSchema: boolean;
  /** Null when the route has no intents (or no user text). */
  readonly intent: IntentScore | null;
}

function headerValue(headers: IncomingHttpHeaders, name: string | null): string | undefined {
  if (name === null) return undefined;
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

function lastUserText(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    let text = '';
    for (const part of message.content) if (part.type === 'text') text += text === '' ? part.text : `\n${part.text}`;
    return text;
  }
  return '';
}

function contentTokens(content: ChatMessage['content'], modalities: { image: number; audio: number }): number {
  if (content === null || content === undefined) return 0;
  if (typeof content === 'string') return estimateTextTokens(content);
  let tokens = 0;
  for (const part of content) {
    if (part.type === 'text') tokens += estimateTextTokens(part.text);
    else if (part.type === 'image_url') {
      modalities.image += 1;
      tokens += TOKENS_PER_IMAGE;
    } else if (part.type === 'input_audio') modalities.audio += 1;
  }
  return tokens;
}

function promptTokensOf(request: ChatCompletionRequest, modalities: { image: number; audio: number }): number {
  let tokens = 0;
  for (const message of request.messages) {
    tokens += TOKENS_PER_MESSAGE + contentTokens(message.content, modalities);
    if (message.role === 'assistant' && message.tool_calls !== undefined) {
      for (const call of message.tool_calls) tokens += estimateTextTokens(call.function.arguments) + TOKENS_PER_MESSAGE;
    }
  }
  if (request.tools !== undefined && request.tools.length > 0) tokens += estimateTextTokens(JSON.stringify(request.tools));
  const format = request.response_format;
  if (format?.type === 'json_schema' && format.json_schema.schema !== undefined) {
    tokens += estimateTextTokens(JSON.stringify(format.json_schema.schema));
  }
  return Math.ceil(tokens);
}

/**
 * @example computeSignals(plan, request, req.headers).language // { language: 'zh', script: 'han' }
 */
export function computeSignals(plan: RoutePlan, request: ChatCompletionRequest, headers: IncomingHttpHeaders): RequestSignals {
  const text = lastUserText(request.messages);
  const modalities = { image: 0, audio: 0 };
  const promptTokens = promptTokensOf(request, modalities);
  const outputTokens = request.max_completion_tokens ?? request.max_tokens ?? null;
  return {
    useCase: headerValue(headers, plan.useCaseHeader),
    override: headerValue(headers, plan.overrideHeader),
    dataClass: headerValue(headers, plan.dataClasses?.classHeader ?? null),
    text,
    lowerText: plan.needsLowerText ? text.toLowerCase() : '',
    language: detectLanguage(text),
    modalities,
    promptTokens,
    outputTokens,
    needsTools: (request.tools?.length ?? 0) > 0,
    needsJsonSchema: request.response_format?.type === 'json_schema',
    intent: plan.scorer === null || text === '' ? null : plan.scorer.score(text),
  };
}
