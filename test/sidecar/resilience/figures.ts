// Measured figures of the fault-injection suite, appended as JSON lines to a file outside the
// repo, so a run can be reported without making the test output noisy.

import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIGURES_FILE = join(tmpdir(), 'switchyard-resilience-figures.jsonl');

export function recordFigures(scenario: string, figures: Record<string, number | string | boolean>): void {
  appendFileSync(FIGURES_FILE, `${JSON.stringify({ scenario, at: new Date().toISOString(), ...figures })}\n`);
}
