// Anthropic's SSE quirks: `event:` + `data:` pairs, event JSON padded with spaces before the
// closing brace, and `ping` written with a space after the colon.

const paddings = [1, 15, 4, 9, 0, 6, 13, 2, 7, 11, 3];

export function eventFrame(name: string, data: Record<string, unknown>, ordinal: number): string {
  const json = JSON.stringify(data);
  const pad = ' '.repeat(paddings[ordinal % paddings.length] ?? 0);
  return `event: ${name}\ndata: ${json.slice(0, -1)}${pad}}\n\n`;
}

export const pingFrame = 'event: ping\ndata: {"type": "ping"}\n\n';
