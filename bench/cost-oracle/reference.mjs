// What the provider bills as prompt tokens, computed independently of the oracle: the OpenAI
// chat template rendered with its special tokens and encoded whole (gpt-tokenizer's encodeChat,
// <|im_start|>role<|im_sep|>content<|im_end|> per message, then the reply priming).
import { encodeChat as encodeChatO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { encodeChat as encodeChatCl100k } from 'gpt-tokenizer/encoding/cl100k_base';

function chatOf(request) {
  return request.messages.map((message) => ({
    role: message.role,
    content: typeof message.content === 'string' ? message.content : message.content.map((part) => part.text ?? '').join(''),
  }));
}

/** Billed prompt tokens of a text-only request on a model of the encoding. */
export function billedPromptTokens(request, encoding) {
  return encoding === 'cl100k_base' ? encodeChatCl100k(chatOf(request), 'gpt-4').length : encodeChatO200k(chatOf(request), 'gpt-4o').length;
}
