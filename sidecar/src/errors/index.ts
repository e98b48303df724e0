export { GATEWAY_ERROR_CODES, isGatewayErrorCode, type GatewayErrorCode, type OpenAIErrorType } from './codes.js';
export { GatewayError, isGatewayError, type GatewayErrorOptions } from './gateway-error.js';
export { toOpenAIError, type OpenAIErrorBody, type OpenAIErrorResponse } from './to-openai.js';
export {
  classifyUpstreamError,
  factsFromText,
  toGatewayError,
  type ClassifyOptions,
  type UpstreamErrorClass,
  type UpstreamErrorFacts,
} from './classify.js';
export { parseRetryAfterHeaders, parseGoogleDuration, type HeaderLookup } from './retry-after.js';
export { scrubSecrets } from './scrub.js';
