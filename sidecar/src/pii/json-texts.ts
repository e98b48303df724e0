// Tool-call arguments are JSON in a string. Values are scanned as the decoded strings they
// are (escapes such as \n would otherwise glue words to the data), and the JSON is written
// again only when a value changed; text that is not JSON is scanned as it is.

import { tryParseJson } from '../openai/json.js';

function mapValue(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) {
    let changed = false;
    const mapped = value.map((item: unknown) => {
      const next = mapValue(item, map);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? mapped : value;
  }
  if (typeof value === 'object' && value !== null) {
    let changed = false;
    // fromEntries defines own properties, so a "__proto__" key stays a key.
    const mapped = Object.fromEntries(Object.entries(value).map(([key, item]: [string, unknown]) => {
      const next = mapValue(item, map);
      if (next !== item) changed = true;
      return [key, next];
    }));
    return changed ? mapped : value;
  }
  return value;
}

export function mapJsonStrings(json: string, map: (text: string) => string): string {
  const parsed = tryParseJson(json);
  if (parsed === undefined || typeof parsed !== 'object' || parsed === null) return map(json);
  const mapped = mapValue(parsed, map);
  return mapped === parsed ? json : JSON.stringify(mapped);
}
