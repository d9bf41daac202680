import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The demo intranet page and the guides, served by `npm start` (scripts/start.mjs adds the
// relay proxies). Lit's decorators are legacy: tell oxc so (TOOLCHAIN.md trap 1).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { conditions: ['production', 'module', 'browser', 'import', 'default'] },
  oxc: {
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  logLevel: 'warn',
});
