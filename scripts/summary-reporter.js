// Prints per-project counts and a closing `N passed, N failed, N skipped` line, so CI
// logs show how many e2e tests really ran (a skipped e2e suite must never look green).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const byProject = new Map();
    for (const file of results.testResults) {
      const name = file.displayName?.name ?? (file.testFilePath.includes('/e2e/') ? 'e2e' : 'unit');
      const row = byProject.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const t of file.testResults) {
        if (t.status === 'passed') row.passed++;
        else if (t.status === 'failed') row.failed++;
        else row.skipped++;
      }
      if (file.testExecError) row.failed++;
      byProject.set(name, row);
    }
    for (const [name, row] of byProject)
      process.stdout.write(`${name} tests: ${row.passed} passed, ${row.failed} failed, ${row.skipped} skipped\n`);
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests + results.numTodoTests} skipped\n`);
  }
}
module.exports = SummaryReporter;
