import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { countReporter } from './scripts/wtr-count-reporter.mjs';
import { createServer } from 'node:net';
import { minifyTemplates } from './scripts/templates.mjs';

// A free loopback port per run, so several runs (developers, CI, helpers) never collide on 8000.
const port = process.env.WTR_PORT ? Number(process.env.WTR_PORT) : await new Promise((resolve) => {
  const srv = createServer();
  srv.listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)); });
});

// Real Chromium (Debian's package) for every element and browser test. CHROME_PATH overrides it.
const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export const chromeArgs = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--no-first-run',
  '--disable-sync', '--disable-quic',
];

export default {
  files: [
    'packages/elements/src/**/*.test.ts',
    'packages/*/test/**/*.browser.test.ts',
    'tests/browser/**/*.test.ts',
  ],
  hostname: '127.0.0.1',
  port,
  nodeResolve: { exportConditions: ['kamkit-src', 'production'] },
  concurrency: 2,
  testsFinishTimeout: 10 * 60_000,
  testFramework: { config: { timeout: 20_000 } },
  browserStartTimeout: 60_000,
  plugins: [
    // The templates as they ship (scripts/templates.mjs: the build minifies css``, html`` and
    // svg`` text), so the elements are tested as users get them; tests' own templates as written.
    {
      name: 'kamkit-shipped-templates',
      transform(context) {
        const path = context.path.split('?')[0];
        if (path.startsWith('/packages/') && path.endsWith('.ts') && !path.endsWith('.test.ts')) return { body: minifyTemplates(context.body, path) };
        return undefined;
      },
    },
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)),
    }),
  ],
  // Each test page in its own browser context (its own window): with concurrency 2, pages sharing a
  // window leave all but the newest hidden, where animation frames and IntersectionObserver never run.
  browsers: [chromeLauncher({
    launchOptions: { executablePath, headless: true, args: chromeArgs },
    createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
  })],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
};
