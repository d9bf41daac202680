// web-test-runner reporter: counts tests across every session and writes them where
// scripts/test-all.mjs sums every suite into CI's closing `N passed, N failed` line.
import { writeFileSync, mkdirSync } from 'node:fs';

function walk(suite, counts) {
  if (!suite) return;
  for (const t of suite.tests ?? []) {
    if (t.skipped) counts.skipped++;
    else if (t.passed) counts.passed++;
    else counts.failed++;
  }
  for (const s of suite.suites ?? []) walk(s, counts);
}

export function countReporter() {
  return {
    stop({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        walk(session.testResults, counts);
        // a file that failed to load, or threw outside a test, is a failure too
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.failed += 1;
      }
      mkdirSync('.cache', { recursive: true });
      writeFileSync('.cache/count-wtr.json', JSON.stringify(counts));
    },
  };
}
