import { describe, expect, it } from '@jest/globals';
import { parseSidecarFrame } from './frames.js';

describe('parseSidecarFrame', () => {
  it.each([
    ['a hello from a sidecar with no config', '{"type":"hello","pod":"a/b","revision":null,"version":null}', 'hello'],
    ['an ack', '{"type":"ack","revision":4,"version":"sha256:1"}', 'ack'],
    ['a nack with its reason', '{"type":"nack","revision":4,"version":"sha256:1","reason":"Stale","message":"old"}', 'nack'],
  ])('accepts %s', (_name, line, type) => {
    expect(parseSidecarFrame(line)?.type).toBe(type);
  });

  it.each([
    ['text that is not JSON', 'hello'],
    ['an ack without a revision', '{"type":"ack","version":"v"}'],
    ['a negative revision', '{"type":"ack","revision":-1,"version":"v"}'],
    ['a frame only the operator sends', '{"type":"snapshot","revision":1}'],
  ])('refuses %s', (_name, line) => {
    expect(parseSidecarFrame(line)).toBeUndefined();
  });
});
