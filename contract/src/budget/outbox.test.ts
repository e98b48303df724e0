import { describe, expect, it } from '@jest/globals';
import { UsageOutbox } from './outbox.js';

describe('the usage outbox', () => {
  it('numbers records into frames and keeps them until acknowledged', () => {
    const outbox = new UsageOutbox<number>('pod/boot', 2);
    for (const record of [1, 2, 3]) outbox.add(record);
    expect(outbox.drain()).toEqual([{ source: 'pod/boot', seq: 1, records: [1, 2] }, { source: 'pod/boot', seq: 2, records: [3] }]);
    expect(outbox.backlog).toBe(3);
    outbox.ack(1);
    expect(outbox.resend()).toEqual([{ source: 'pod/boot', seq: 2, records: [3] }]);
    outbox.add(4);
    expect(outbox.drain()).toEqual([{ source: 'pod/boot', seq: 3, records: [4] }]);
    outbox.ack(3);
    expect(outbox.backlog).toBe(0);
  });
});
