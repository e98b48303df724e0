// Puts a corpus text into one text-bearing field of a chat or embeddings request, so the bench
// and the tests exercise the request walker, not only the scanner.

import type { Faker } from '@faker-js/faker';
import type { ChatCompletionRequest, EmbeddingsRequest } from '../../sidecar/src/openai/index.js';

export const PLACEMENTS = [
  'system', 'user-string', 'user-text-part', 'assistant-content', 'tool-call-arguments', 'tool-result', 'developer', 'embeddings-input',
] as const;

export type Placement = (typeof PLACEMENTS)[number];

export function placeText(text: string, placement: Placement): ChatCompletionRequest | EmbeddingsRequest {
  const model = 'gpt-4o-mini';
  switch (placement) {
    case 'system': return { model, messages: [{ role: 'system', content: text }, { role: 'user', content: 'Hello' }] };
    case 'developer': return { model, messages: [{ role: 'developer', content: [{ type: 'text', text }] }, { role: 'user', content: 'Go on' }] };
    case 'user-string': return { model, messages: [{ role: 'user', content: text }] };
    case 'user-text-part': return {
      model,
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }, { type: 'text', text }] }],
    };
    case 'assistant-content': return { model, messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: text }, { role: 'user', content: 'Thanks' }] };
    case 'tool-call-arguments': return {
      model,
      messages: [
        { role: 'user', content: 'File the ticket' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'file_ticket', arguments: JSON.stringify({ body: text, priority: 2 }) } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'ok' },
      ],
    };
    case 'tool-result': return {
      model,
      messages: [
        { role: 'user', content: 'Look it up' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: text },
      ],
    };
    case 'embeddings-input': return { model: 'text-embedding-3-small', input: ['first', text] };
  }
}

export function randomPlacement(faker: Faker): Placement {
  return faker.helpers.arrayElement([...PLACEMENTS]);
}
