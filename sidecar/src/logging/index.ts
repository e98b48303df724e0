export { createRequestLog, type RequestLog, type RequestLogOptions } from './request-log.js';
export { fieldPolicyOf, DEFAULT_FIELD_POLICY, type FieldAction, type FieldPolicy } from './field-policy.js';
export { keyedHash, type Hasher } from './keyed-hash.js';
export { isSampled, samplePoint } from './sampling.js';
export { scrubPii } from './sample-record.js';
