// One request through an undici Pool, timed: start, first body byte, end of body.
import { SseCount } from './sse-count.mjs';

export async function exchange(pool, request, stream) {
  const start = performance.now();
  const { statusCode, body } = await pool.request(request);
  const sse = stream ? new SseCount() : null;
  let firstByte = NaN;
  for await (const chunk of body) {
    if (Number.isNaN(firstByte)) firstByte = performance.now();
    sse?.push(chunk);
  }
  const end = performance.now();
  return { start, firstByte, end, status: statusCode, events: sse?.events, done: sse?.done };
}
