// Prints the plain closing line CI reads: "N passed, N failed" (", N skipped" when any were).
// It is written when the process exits, so it stays the last line after Jest's own summary.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // A suite that fails to load has no failed tests of its own; count it so CI never sees 0 failed.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
    process.once("exit", () => process.stdout.write(`\n${line}\n`));
  }
}
module.exports = SummaryReporter;
