// Polling for state the apiserver reaches asynchronously (webhook configs, informers, status).

export type Probe<T> = () => Promise<T | undefined | null | false> | T | undefined | null | false;

// Resolves with the probe's first truthy result; a throwing probe counts as "not yet" and its last
// error is reported on timeout.
export async function waitFor<T>(probe: Probe<T>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await probe();
      if (result) return result;
    } catch (error: unknown) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`waitFor: condition not met within ${timeoutMs} ms${cause}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
