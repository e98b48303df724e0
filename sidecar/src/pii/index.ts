export { applyPiiPolicy, type PiiDetection, type PiiOutcome } from './apply.js';
export { createPiiRestorer, type ChunkRestorer, type PiiRestorer } from './response-restorer.js';
export { createStreamRestorer, type StreamRestorer } from './stream-restorer.js';
export { restoreText } from './restore.js';
export { compilePiiPolicy, type PiiPolicy } from './policy.js';
export { findPii, redactFindings, type Finding } from './redact.js';
export { scanText } from './scanner.js';
export { PlaceholderBook } from './placeholders.js';
export { BUILTIN_ENTITY_TYPES, kindName, placeholderLabel, type EntityKind, type Span } from './entities.js';
