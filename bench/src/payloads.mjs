// Request bodies every target receives, byte for byte. The user message carries an e-mail
// address so that a PII-scanning route (sidecar_full) has something to find and redact.

export const MODEL_ALIAS = 'bench-chat';
export const CHAT_PATH = '/v1/chat/completions';

const SYSTEM = 'You are a concise assistant.';
const USER = 'Summarise the invoice thread and reply to jane.doe@example.com with the total.';

function chatBody(messages, stream) {
  const body = { model: MODEL_ALIAS, messages, max_tokens: 64 };
  if (stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return JSON.stringify(body);
}

function smallMessages() {
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: USER },
  ];
}

/** A ~33 KB, 65-message history, the size of a long agent conversation. */
function bigMessages() {
  const messages = [{ role: 'system', content: SYSTEM }];
  const filler = 'The quarterly figures moved within the expected range and nothing needs escalation. ';
  for (let i = 0; i < 64; i += 1) {
    const role = i % 2 === 0 ? 'user' : 'assistant';
    messages.push({ role, content: `Turn ${i}: ${filler.repeat(6)}` });
  }
  messages[messages.length - 1] = { role: 'user', content: USER };
  return messages;
}

export function buildBody(kind) {
  switch (kind) {
    case 'small': return chatBody(smallMessages(), false);
    case 'stream': return chatBody(smallMessages(), true);
    case 'big': return chatBody(bigMessages(), false);
    default: throw new Error(`unknown body kind ${kind}`);
  }
}
