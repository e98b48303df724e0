import { describe, expect, it } from '@jest/globals';
import { parseSidecarFrame } from './frames.js';

describe('the health frame', () => {
  it('carries each endpoint with its health, reason and canary verdict', () => {
    const line = JSON.stringify({ type: 'health', endpoints: [{ id: 'pool/a', health: 'Ejected', reason: 'failures', canaryReady: null }, { id: 'pool/b', health: 'Healthy' }] });
    expect(parseSidecarFrame(line)).toEqual({
      type: 'health',
      endpoints: [{ id: 'pool/a', health: 'Ejected', reason: 'failures', canaryReady: null }, { id: 'pool/b', health: 'Healthy', reason: null, canaryReady: null }],
    });
  });

  it.each([
    ['an unknown health', [{ id: 'p/a', health: 'Sad' }]],
    ['Unknown, which only the operator concludes', [{ id: 'p/a', health: 'Unknown' }]],
    ['a missing id', [{ health: 'Healthy' }]],
    ['a reason that is not text', [{ id: 'p/a', health: 'Broken', reason: 7 }]],
    ['a canary verdict that is not a boolean', [{ id: 'p/a', health: 'Healthy', canaryReady: 'yes' }]],
    ['endpoints that are not a list', { id: 'p/a' }],
  ])('is refused with %s', (_name, endpoints) => {
    expect(parseSidecarFrame(JSON.stringify({ type: 'health', endpoints }))).toBeUndefined();
  });
});
