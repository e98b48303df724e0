// Serving the last good config from the state directory while the operator is away, with the
// credentials it was saved with (ADR 0009). It is loaded one revision below the one it was saved
// with, so the operator's copy of that same revision (possibly with rotated credentials) still
// counts as newer and replaces it, instead of being acked as already running.
import type { ConfigHolder, LoadOutcome } from '../config/holder.js';
import { loadLastGood } from '../config/last-good.js';
import { describeError, type Logger } from '../metrics/log.js';

export async function restoreLastGood(holder: ConfigHolder, stateDir: string, log: Logger): Promise<LoadOutcome | undefined> {
  if (holder.current !== null) return undefined;
  try {
    const entry = await loadLastGood(stateDir);
    if (entry === undefined) return undefined;
    return await holder.load(entry.config, entry.credentials, Math.max(0, entry.revision - 1));
  } catch (error) {
    log.warn('last good config unreadable; waiting for the operator', { error: describeError(error) });
    return undefined;
  }
}
