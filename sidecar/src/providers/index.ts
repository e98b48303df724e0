export type { EmbeddingsAdapter, ProviderAdapter, StreamFraming, StreamTranslator, Target, UpstreamEvent, UpstreamRequest } from './adapter.js';
export { adapterFor, getAdapter } from './registry.js';
