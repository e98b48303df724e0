// Upstream retry hints. OpenAI sends retry-after-ms next to retry-after; Anthropic and Azure send
// retry-after in seconds; RFC 9110 also allows an HTTP date. Gemini puts a RetryInfo
// `retryDelay: "38s"` in the error body instead of a header.

export interface HeaderLookup {
  get(name: string): string | null;
}

/** Milliseconds to wait, from retry-after-ms or retry-after (seconds or HTTP date). */
export function parseRetryAfterHeaders(headers: HeaderLookup, nowMs: number): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null) {
    const value = Number(milliseconds.trim());
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter === undefined || retryAfter === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Google duration strings ("38s", "0.5s") as milliseconds. */
export function parseGoogleDuration(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1000;
}
