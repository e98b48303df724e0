// Every text of a chat request that reaches a provider: message contents (strings and text
// parts) of every role, assistant refusals, reasoning and tool-call arguments. Objects are
// copied only along the paths whose text changed; the input request is never modified.

import type {
  AssistantMessage, ChatCompletionRequest, ChatMessage, TextPart, ToolCall, UserContentPart, AssistantContentPart,
} from '../openai/index.js';
import { mapJsonStrings } from './json-texts.js';

export type TextMapper = (text: string) => string;

type AnyPart = TextPart | UserContentPart | AssistantContentPart;

function mapParts<P extends AnyPart>(parts: readonly P[], map: TextMapper): readonly P[] {
  let changed = false;
  const mapped = parts.map((part) => {
    if (part.type !== 'text') return part;
    const text = map(part.text);
    if (text === part.text) return part;
    changed = true;
    return { ...part, text };
  });
  return changed ? mapped : parts;
}

function mapContent<C extends string | readonly AnyPart[] | null | undefined>(content: C, map: TextMapper): C {
  if (typeof content === 'string') return map(content) as C;
  if (Array.isArray(content)) return mapParts(content as readonly AnyPart[], map) as C;
  return content;
}

function mapToolCalls(calls: ToolCall[], map: TextMapper): ToolCall[] {
  let changed = false;
  const mapped = calls.map((call) => {
    const args = mapJsonStrings(call.function.arguments, map);
    if (args === call.function.arguments) return call;
    changed = true;
    return { ...call, function: { ...call.function, arguments: args } };
  });
  return changed ? mapped : calls;
}

function mapAssistant(message: AssistantMessage, map: TextMapper): AssistantMessage {
  const content = mapContent(message.content, map);
  const refusal = typeof message.refusal === 'string' ? map(message.refusal) : message.refusal;
  const reasoning = typeof message.reasoning_content === 'string' ? map(message.reasoning_content) : message.reasoning_content;
  const toolCalls = message.tool_calls ? mapToolCalls(message.tool_calls, map) : message.tool_calls;
  if (content === message.content && refusal === message.refusal && reasoning === message.reasoning_content && toolCalls === message.tool_calls) {
    return message;
  }
  const mapped: AssistantMessage = { ...message, content };
  if (refusal !== undefined) mapped.refusal = refusal;
  if (reasoning !== undefined) mapped.reasoning_content = reasoning;
  if (toolCalls !== undefined) mapped.tool_calls = toolCalls;
  return mapped;
}

function mapMessage(message: ChatMessage, map: TextMapper): ChatMessage {
  if (message.role === 'assistant') return mapAssistant(message, map);
  const content = mapContent(message.content, map);
  return content === message.content ? message : ({ ...message, content } as ChatMessage);
}

/** The request with `map` applied to every text; the same object when nothing changed. */
export function mapChatTexts(request: ChatCompletionRequest, map: TextMapper): ChatCompletionRequest {
  let changed = false;
  const messages = request.messages.map((message) => {
    const mapped = mapMessage(message, map);
    if (mapped !== message) changed = true;
    return mapped;
  });
  return changed ? { ...request, messages } : request;
}
