import type { EmbeddingsRequest } from './embeddings.js';
import { isRecord } from './json.js';
import { checkNumber, checkRequiredString, checkString, invalidType, invalidValue, missing, rejected, type Invalid, type Validated } from './validate-fields.js';

/** Checks an already JSON-parsed body against the embeddings request shape. */
export function validateEmbeddingsRequest(body: unknown): Validated<EmbeddingsRequest> {
  if (!isRecord(body)) return rejected({ message: 'The request body must be a JSON object.' });
  const invalid =
    checkRequiredString(body, 'model', 'model') ??
    checkInput(body.input) ??
    checkEncoding(body.encoding_format) ??
    checkNumber(body, 'dimensions', { min: 1, integer: true }) ??
    checkString(body, 'user', 'user');
  if (invalid !== undefined) return rejected(invalid);
  return { ok: true, value: body as EmbeddingsRequest };
}

function checkInput(input: unknown): Invalid | undefined {
  if (input === undefined || input === null) return missing('input');
  if (typeof input === 'string') return undefined;
  if (!Array.isArray(input)) return invalidType('input', 'a string or an array');
  if (input.length === 0) return invalidValue('input', 'expected at least one input.');
  const allStrings = input.every((item) => typeof item === 'string');
  const allTokens = input.every((item) => typeof item === 'number' && Number.isInteger(item));
  const allTokenLists = input.every(
    (item) => Array.isArray(item) && item.every((token) => typeof token === 'number' && Number.isInteger(token)),
  );
  if (allStrings || allTokens || allTokenLists) return undefined;
  return invalidType('input', 'a string, an array of strings, or token arrays');
}

function checkEncoding(format: unknown): Invalid | undefined {
  if (format === undefined || format === 'float' || format === 'base64') return undefined;
  return invalidValue('encoding_format', "expected 'float' or 'base64'.");
}
