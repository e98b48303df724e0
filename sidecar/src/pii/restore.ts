import { PLACEHOLDER_SHAPE } from './placeholders.js';

/** How a restored value is written: as is, or escaped for the inside of a JSON string (tool arguments). */
export type ValueEncoding = 'text' | 'json-string';

export function encodeValue(value: string, encoding: ValueEncoding): string {
  return encoding === 'text' ? value : JSON.stringify(value).slice(1, -1);
}

/** Puts original values back in place of this request's placeholders; unknown ones stay as written. */
export function restoreText(text: string, values: ReadonlyMap<string, string>, encoding: ValueEncoding = 'text'): string {
  if (values.size === 0 || !text.includes('[')) return text;
  return text.replace(PLACEHOLDER_SHAPE, (placeholder) => {
    const value = values.get(placeholder);
    return value === undefined ? placeholder : encodeValue(value, encoding);
  });
}
