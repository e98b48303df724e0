import { describe, expect, it } from '@jest/globals';
import { reconnectDelay } from './backoff.js';

describe('reconnectDelay', () => {
  it.each([
    ['starts below half a second', 0, 500],
    ['doubles per attempt', 3, 4000],
    ['never exceeds thirty seconds', 20, 30_000],
  ])('%s', (_name, attempt, cap) => {
    expect(reconnectDelay(attempt, { random: () => 0.999999 })).toBe(Math.floor(0.999999 * cap));
    expect(reconnectDelay(attempt, { random: () => 0 })).toBe(0);
  });
});
