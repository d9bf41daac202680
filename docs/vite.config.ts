import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { docsPages } from './demo/docs-pages.js';

// The demo intranet page and the guides, served by `npm start` (scripts/start.mjs adds the
// relay proxies). Lit's decorators are legacy: tell oxc so (TOOLCHAIN.md trap 1).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // 'kamkit-src': the workspace packages' TypeScript sources (their "exports" condition), so the
  // demo runs from a clean clone without a build. The SSR side is docs/demo/backends.ts (the fakes).
  resolve: { conditions: ['kamkit-src', 'production', 'module', 'browser', 'import', 'default'] },
  ssr: { resolve: { conditions: ['kamkit-src', 'node', 'import', 'default'], externalConditions: ['kamkit-src', 'node'] } },
  oxc: {
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  // The guides as pages (the demo's Docs link): docs/**/*.md as the same path ending in .html.
  plugins: [docsPages()],
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  logLevel: 'warn',
});
