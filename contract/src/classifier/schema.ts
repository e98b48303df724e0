// JSON Schema fragment of IntentModel, for the sidecar config schema to embed. Bounded so a
// hostile config cannot make a sidecar decode more than 2^16 buckets × 64 intents; the trainer
// itself stays within 128 KiB of weights (train.ts).
import { closedObject, constant, integer, list, number, pattern, text, type Schema } from '../schema/closed-object.js';
import { FEATURIZER_ID } from './features.js';
import type { IntentModel } from './model.js';

export const MAX_MODEL_BITS = 16;
/** As many intents as a compiled route may have (config schema MAX.perRoute). */
export const MAX_MODEL_LABELS = 64;
const MAX_WEIGHT_BYTES = (1 << MAX_MODEL_BITS) * MAX_MODEL_LABELS;
const MAX_BASE64 = Math.ceil(MAX_WEIGHT_BYTES / 3) * 4;

export const intentModelSchema: Schema = closedObject<IntentModel>({
  features: closedObject<IntentModel['features']>({
    id: constant(FEATURIZER_ID),
    bits: integer(8, MAX_MODEL_BITS),
    maxChars: integer(16, 65_536),
    charMin: integer(1, 8),
    charMax: integer(1, 8),
  }, {}),
  labels: { ...list(text(253), MAX_MODEL_LABELS, 1), uniqueItems: true },
  bias: list(number(-1e6, 1e6), MAX_MODEL_LABELS, 1),
  scale: list(number(0, 1e6), MAX_MODEL_LABELS, 1),
  weights: pattern('^[A-Za-z0-9+/]*={0,2}$', MAX_BASE64),
  trainedOn: pattern('^sha256:[0-9a-f]{16}$', 23),
}, {});
