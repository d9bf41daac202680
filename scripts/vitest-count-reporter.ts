// Writes the pass/fail count of a vitest run where scripts/test-all.mjs can sum it with the
// other suites into CI's one closing `N passed, N failed` line.
import { writeFileSync, mkdirSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export default class CountReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>) {
    let passed = 0, failed = 0, skipped = 0;
    for (const mod of modules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // a file that failed to load has no tests but must still count as a failure
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
    }
    failed += errors.length;
    mkdirSync('.cache', { recursive: true });
    writeFileSync('.cache/count-vitest.json', JSON.stringify({ passed, failed, skipped }));
  }
}
