// The budget frames of the channel, narrowed from the wire (contract/src/channel/frames.ts).
import { describe, expect, it } from '@jest/globals';
import { parseOperatorFrame, parseSidecarFrame } from '../channel/frames.js';

describe('budget frames on the channel', () => {
  it.each([
    ['an allowance ask', { type: 'allowance-ask', source: 'ns/web-0/ab12', budget: 'team', window: '2026-11', need: 33, extra: 7 }],
    ['usage with its source', { type: 'usage', source: 'ns/web-0/ab12', seq: 3, records: [] }],
  ])('the operator reads %s', (_name, frame) => {
    expect(parseSidecarFrame(JSON.stringify(frame))).toEqual(frame);
  });

  it.each([
    ['an allowance', { type: 'allowance', budget: 'team', window: '2026-11', granted: 330, remaining: 0, action: 'downgrade' }],
    ['quota news', { type: 'quota', endpoints: [{ id: 'pool/reserved', window: '2026-11', remainingMicroUsd: 12 }] }],
    ['a usage ack naming its source', { type: 'usage-ack', seq: 3, source: 'ns/web-0/ab12' }],
  ])('the sidecar reads %s', (_name, frame) => {
    expect(parseOperatorFrame(JSON.stringify(frame))).toEqual(frame);
  });

  it.each([
    ['a negative need', parseSidecarFrame, { type: 'allowance-ask', source: 's', budget: 'b', window: 'w', need: -1, extra: 0 }],
    ['an ask without a source', parseSidecarFrame, { type: 'allowance-ask', budget: 'b', window: 'w', need: 1, extra: 0 }],
    ['an unknown action', parseOperatorFrame, { type: 'allowance', budget: 'b', window: 'w', granted: 1, remaining: 1, action: 'panic' }],
    ['a fractional grant', parseOperatorFrame, { type: 'allowance', budget: 'b', window: 'w', granted: 1.5, remaining: 1, action: 'none' }],
    ['quota without an id', parseOperatorFrame, { type: 'quota', endpoints: [{ window: 'w', remainingMicroUsd: 1 }] }],
  ])('refuses %s', (_name, parse, frame) => {
    expect(parse(JSON.stringify(frame))).toBeUndefined();
  });
});
