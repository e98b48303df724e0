import type { OpenAIFlavor } from './dialect.js';
import { IdMint } from './ids.js';

/** Per-server state shared by the dialect handlers. */
export class SimulatorState {
  readonly ids = new IdMint();
  /** Prompt-prefix hashes already written to the (simulated) provider prompt cache. */
  readonly promptCache = new Set<string>();

  constructor(
    readonly apiKey: string | undefined,
    readonly models: readonly string[],
    readonly defaultFlavor: OpenAIFlavor,
  ) {}

  /** Unix seconds, as `created` fields carry them. */
  now(): number {
    return Math.floor(Date.now() / 1000);
  }
}
