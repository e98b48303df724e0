// Gemini's JSON spacing: the SSE form writes `": "` after keys but nothing after commas; unary
// bodies and array-stream elements are pretty-printed with two spaces.

export function sseJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sseJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value).filter(([, field]) => field !== undefined);
    return `{${fields.map(([key, field]) => `${JSON.stringify(key)}: ${sseJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export function sseFrame(value: unknown): string {
  return `data: ${sseJson(value)}\r\n\r\n`;
}

/** The array stream (no `alt=sse`): `[{…}\n,\r\n{…}\n]`; each frame carries its own separator. */
export function arrayFrame(value: unknown, index: number): string {
  return `${index === 0 ? '[' : '\n,\r\n'}${prettyJson(value)}`;
}

export const arrayTail = '\n]';
