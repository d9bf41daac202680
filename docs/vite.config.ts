import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The demo intranet page and the guides, served by `npm start`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { conditions: ['production'] },
  esbuild: { tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } } },
  oxc: false,
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
