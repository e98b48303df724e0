// The keeper on the operator channel: attached while a stream is open (unacknowledged usage is
// resent at once), detached when it closes (requests waiting for an allowance are refused).
import type { ChannelPublisher } from '../channel/client.js';
import type { BudgetKeeper } from './keeper.js';

export function budgetPublisher(keeper: BudgetKeeper): ChannelPublisher {
  return {
    attach(send) {
      let open = true;
      keeper.connected((frame) => {
        if (open) send(frame);
        return open;
      });
      return () => {
        open = false;
        keeper.disconnected();
      };
    },
  };
}
