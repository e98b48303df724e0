export { createSseParser, type SseEvent, type SseParser } from './parser.js';
export { createJsonArrayParser, type JsonArrayParser } from './json-array.js';
export { createNdjsonParser, type NdjsonParser } from './ndjson.js';
export {
  createUpstreamDecoder,
  decodeUpstreamStream,
  type StreamFraming,
  type UpstreamEvent,
  type UpstreamEventDecoder,
} from './decoder.js';
export { formatSseChunk, formatSseComment, formatSseError, SSE_DONE, SSE_RESPONSE_HEADERS } from './writer.js';
