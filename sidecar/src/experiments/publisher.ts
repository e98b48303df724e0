// This sidecar's experiment figures on the operator channel: the whole cumulative table as one
// `experiments` frame when the stream opens, then again after changes, at most once per
// throttle interval. Cumulative tables make resending harmless (docs/design/channel.md).

import type { SidecarFrame } from '@switchyard/contract';
import type { ChannelPublisher } from '../channel/client.js';
import type { ExperimentStats } from './stats.js';

export const DEFAULT_EXPERIMENT_FRAME_MS = 5_000;

export function experimentPublisher(stats: ExperimentStats, throttleMs = DEFAULT_EXPERIMENT_FRAME_MS): ChannelPublisher {
  return {
    attach(send: (frame: SidecarFrame) => void): () => void {
      let sent = 0;
      let timer: NodeJS.Timeout | undefined;
      const flush = (): void => {
        timer = undefined;
        if (stats.version === sent) return;
        sent = stats.version;
        send({ type: 'experiments', stats: stats.snapshot() });
      };
      const unsubscribe = stats.onChange(() => {
        if (timer !== undefined) return;
        timer = setTimeout(flush, throttleMs);
        timer.unref();
      });
      flush();
      return () => {
        unsubscribe();
        clearTimeout(timer);
      };
    },
  };
}
