import { defineConfig } from 'vitest/config';

// Node-side suites. Browser suites (elements, IndexedDB, end-to-end in Chromium driven from the
// page) run under web-test-runner: see web-test-runner.config.mjs.
export default defineConfig({
  // `kamkit-src` points workspace packages at their TypeScript source (dist exists only after a build).
  resolve: { conditions: ['kamkit-src', 'production'] },
  ssr: { resolve: { conditions: ['kamkit-src', 'production'], externalConditions: ['kamkit-src', 'production'] } },
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
