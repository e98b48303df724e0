// A chat request's prompt tokens as OpenAI bills them: every message costs its text plus 3
// tokens of framing (4 with a name), and the reply is primed with 3 more (OpenAI's published
// counting for the GPT-4o family). Images cost what OpenAI charges for one 1024×1024 tile set
// at their detail (85 low, 765 otherwise) since their size is unknown here; tool definitions
// and tool-call arguments are counted as the JSON the provider receives.
import type { ChatCompletionRequest, ChatMessage } from '../openai/index.js';
import type { Tokenizer } from './tokenizer.js';

const PER_MESSAGE = 3;
const PER_NAME = 1;
const REPLY_PRIMING = 3;
const IMAGE_LOW = 85;
const IMAGE_DEFAULT = 765;

function partTokens(tokenizer: Tokenizer, part: { type: string; [key: string]: unknown }): number {
  if (part.type === 'text' && typeof part['text'] === 'string') return tokenizer.count(part['text']);
  if (part.type === 'refusal' && typeof part['refusal'] === 'string') return tokenizer.count(part['refusal']);
  if (part.type === 'image_url') {
    const detail = (part['image_url'] as { detail?: string } | undefined)?.detail;
    return detail === 'low' ? IMAGE_LOW : IMAGE_DEFAULT;
  }
  return 0;
}

function contentTokens(tokenizer: Tokenizer, content: unknown): number {
  if (typeof content === 'string') return tokenizer.count(content);
  if (!Array.isArray(content)) return 0;
  return (content as { type: string }[]).reduce((sum, part) => sum + partTokens(tokenizer, part), 0);
}

function messageTokens(tokenizer: Tokenizer, message: ChatMessage): number {
  let tokens = PER_MESSAGE + contentTokens(tokenizer, message.content);
  if ('name' in message && typeof message.name === 'string') tokens += PER_NAME + tokenizer.count(message.name);
  if (message.role === 'assistant') {
    for (const call of message.tool_calls ?? []) tokens += tokenizer.count(call.function.name) + tokenizer.count(call.function.arguments);
  }
  return tokens;
}

/** @example promptTokens(o200k, { model: 'm', messages: [{ role: 'user', content: 'Hello world' }] }) // 8 */
export function promptTokens(tokenizer: Tokenizer, request: ChatCompletionRequest): number {
  const messages = request.messages.reduce((sum, message) => sum + messageTokens(tokenizer, message), 0);
  const tools = request.tools === undefined || request.tools.length === 0 ? 0 : tokenizer.count(JSON.stringify(request.tools));
  return messages + tools + REPLY_PRIMING;
}
