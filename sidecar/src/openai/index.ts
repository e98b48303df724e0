export * from './chat.js';
export * from './completion.js';
export * from './embeddings.js';
export * from './json.js';
export { parseJsonBody } from './parse.js';
export { validateChatRequest } from './validate-chat.js';
export { validateEmbeddingsRequest } from './validate-embeddings.js';
export type { Validated } from './validate-fields.js';
