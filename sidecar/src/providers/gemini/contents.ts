// Canonical messages → Gemini contents. Roles are `user` and `model`; system and developer
// text becomes `systemInstruction`. Tool results become `functionResponse` parts, which Gemini
// keys by function *name*, so the name is looked up from the assistant tool call the result
// answers. All results of one turn must sit in one content, so same-role turns are merged.

import { GatewayError } from '../../errors/index.js';
import type { AssistantMessage, ChatMessage, JsonObject, ToolMessage, UserContentPart } from '../../openai/index.js';
import { isRecord, tryParseJson } from '../../openai/index.js';
import { audioMediaType, mediaTypeFromURL, parseDataURL } from '../media.js';
import { parseToolArguments, toolResultText } from '../tool-calls.js';
import { thoughtSignatureOf } from './tool-ids.js';
import type { GeminiContent, GeminiPart } from './wire.js';

export interface GeminiConversation {
  readonly systemParts: GeminiPart[];
  readonly contents: GeminiContent[];
}

export function toGeminiConversation(messages: readonly ChatMessage[]): GeminiConversation {
  const systemParts: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const functionNames = new Map<string, string>();
  messages.forEach((message, i) => {
    const at = `messages[${i}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        systemParts.push(...textParts(message.content));
        return;
      case 'user':
        return append(contents, 'user', userParts(message.content, `${at}.content`));
      case 'assistant':
        return append(contents, 'model', modelParts(message, at, functionNames));
      case 'tool':
        return append(contents, 'user', [functionResponsePart(message, at, functionNames)]);
    }
  });
  return { systemParts, contents };
}

function append(contents: GeminiContent[], role: 'user' | 'model', parts: GeminiPart[]): void {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last?.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
}

function textParts(content: string | readonly { type: 'text'; text: string }[]): GeminiPart[] {
  const texts = typeof content === 'string' ? [content] : content.map((part) => part.text);
  return texts.filter((text) => text !== '').map((text) => ({ text }));
}

function userParts(content: string | readonly UserContentPart[], param: string): GeminiPart[] {
  if (typeof content === 'string') return textParts(content);
  return content.flatMap((part, j): GeminiPart[] => {
    if (part.type === 'text') return textParts(part.text);
    if (part.type === 'input_audio') {
      return [{ inlineData: { mimeType: audioMediaType(part.input_audio.format), data: part.input_audio.data } }];
    }
    const url = part.image_url.url;
    const inline = parseDataURL(url);
    if (inline !== undefined) return [{ inlineData: { mimeType: inline.mediaType, data: inline.data } }];
    if (/^(https?|gs):\/\//i.test(url)) return [{ fileData: { mimeType: mediaTypeFromURL(url), fileUri: url } }];
    const at = `${param}[${j}].image_url.url`;
    throw new GatewayError('invalid_request', `Invalid value for '${at}': expected a data URL or an http(s) URL.`, { param: at });
  });
}

function modelParts(message: AssistantMessage, at: string, functionNames: Map<string, string>): GeminiPart[] {
  const content = message.content;
  const text =
    typeof content === 'string' ? content : (content ?? []).map((p) => (p.type === 'text' ? p.text : p.refusal)).join('');
  const parts = textParts(text);
  (message.tool_calls ?? []).forEach((call, k) => {
    functionNames.set(call.id, call.function.name);
    const args = parseToolArguments(call.function.arguments, `${at}.tool_calls[${k}].function.arguments`);
    const signature = thoughtSignatureOf(call.id);
    parts.push({ functionCall: { name: call.function.name, args }, ...(signature === undefined ? {} : { thoughtSignature: signature }) });
  });
  return parts;
}

function functionResponsePart(message: ToolMessage, at: string, functionNames: Map<string, string>): GeminiPart {
  const name = functionNames.get(message.tool_call_id);
  if (name === undefined) {
    const param = `${at}.tool_call_id`;
    throw new GatewayError('invalid_request', `Invalid value for '${param}': no earlier assistant tool call has this id.`, { param });
  }
  return { functionResponse: { name, response: functionResult(toolResultText(message.content)) } };
}

/** Gemini wants the result as an object: a JSON-object result as is, anything else wrapped. */
function functionResult(text: string): JsonObject {
  const parsed = tryParseJson(text);
  return isRecord(parsed) ? (parsed as JsonObject) : { content: text };
}
