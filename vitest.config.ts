import { defineConfig } from 'vitest/config';

// Node-side suites. Browser suites (elements, IndexedDB, end-to-end in Chromium driven from the
// page) run under web-test-runner: see web-test-runner.config.mjs.
export default defineConfig({
  resolve: { conditions: ['kamkit-src', 'production'] },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'tests/node/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './scripts/vitest-count-reporter.ts'],
  },
});
