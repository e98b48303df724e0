// Canonical messages → Anthropic: system and developer text moves to the top-level `system`;
// tool calls become `tool_use` blocks and tool messages `tool_result` blocks in a user turn;
// consecutive turns of one role are merged, because Anthropic requires alternation and wants
// all results for one assistant turn in the next user turn.

import { GatewayError } from '../../errors/index.js';
import type { AssistantMessage, ChatMessage, UserContentPart } from '../../openai/index.js';
import { parseDataURL } from '../media.js';
import { parseToolArguments, toolResultText } from '../tool-calls.js';
import type { AnthropicMessage, ContentBlock, ImageBlock, TextBlock } from './wire.js';

export interface AnthropicConversation {
  readonly system: TextBlock[];
  readonly messages: AnthropicMessage[];
}

export function toAnthropicConversation(messages: readonly ChatMessage[]): AnthropicConversation {
  const system: TextBlock[] = [];
  const out: AnthropicMessage[] = [];
  messages.forEach((message, i) => {
    const at = `messages[${i}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...textBlocks(message.content));
        return;
      case 'user':
        return append(out, 'user', userBlocks(message.content, `${at}.content`));
      case 'assistant':
        return append(out, 'assistant', assistantBlocks(message, at));
      case 'tool':
        return append(out, 'user', [
          { type: 'tool_result', tool_use_id: toolUseId(message.tool_call_id), content: toolResultText(message.content) },
        ]);
    }
  });
  return { system, messages: out };
}

function append(out: AnthropicMessage[], role: 'user' | 'assistant', blocks: ContentBlock[]): void {
  const last = out.at(-1);
  if (last?.role === role) last.content.push(...blocks);
  else out.push({ role, content: blocks });
}

// Anthropic rejects empty text blocks.
function textBlocks(content: string | readonly { type: 'text'; text: string }[]): TextBlock[] {
  const texts = typeof content === 'string' ? [content] : content.map((part) => part.text);
  return texts.filter((text) => text !== '').map((text) => ({ type: 'text', text }));
}

function userBlocks(content: string | readonly UserContentPart[], param: string): ContentBlock[] {
  if (typeof content === 'string') return textBlocks(content);
  return content.flatMap((part, j): ContentBlock[] => {
    if (part.type === 'text') return textBlocks(part.text);
    if (part.type === 'image_url') return [imageBlock(part.image_url.url, `${param}[${j}].image_url.url`)];
    throw new GatewayError('unsupported', 'Anthropic models do not accept audio input.', { param: `${param}[${j}]` });
  });
}

function imageBlock(url: string, param: string): ImageBlock {
  const inline = parseDataURL(url);
  if (inline !== undefined) return { type: 'image', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } };
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw new GatewayError('invalid_request', `Invalid value for '${param}': expected a data URL or an http(s) URL.`, { param });
}

function assistantBlocks(message: AssistantMessage, at: string): ContentBlock[] {
  const content = message.content;
  const text =
    typeof content === 'string'
      ? content
      : (content ?? []).map((part) => (part.type === 'text' ? part.text : part.refusal)).join('');
  const blocks: ContentBlock[] = textBlocks(text);
  (message.tool_calls ?? []).forEach((call, k) => {
    const input = parseToolArguments(call.function.arguments, `${at}.tool_calls[${k}].function.arguments`);
    blocks.push({ type: 'tool_use', id: toolUseId(call.id), name: call.function.name, input });
  });
  return blocks;
}

/** Anthropic ids must match ^[a-zA-Z0-9_-]+$; ids minted by other providers may not. */
export function toolUseId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_');
}
