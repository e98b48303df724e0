// Prints one grep-able count line after jest's own summary, e.g. `jest: 12 passed, 0 failed, 1 skipped`.
// "failed" also counts suites that could not run at all (syntax error, failing import), which
// jest reports as suites with zero failed tests.
import { writeSync } from 'node:fs';

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    let printed = false;
    const print = () => {
      if (!printed) writeSync(1, line);
      printed = true;
    };
    // jest adds its built-in summary reporter after custom ones, so defer to print last;
    // --forceExit exits before the deferred callback runs, hence the exit hook.
    setImmediate(print);
    process.once('exit', print);
  }
}
