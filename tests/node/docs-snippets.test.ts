// The TypeScript snippets of docs/store.md, docs/health-model.md, docs/alerts.md and
// docs/offline.md run as written (a reader copies them): each block is written to .cache/docs-run/
// and imported. A block that uses a `store` it does not make gets one over a 60-account sample
// book; a last line `expr; // 'value'` must give that value. Browser-only blocks (IndexedDB, a
// <kam-provider>) are left to the browser suites. About 3 s.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tsBlocks } from './docs-blocks.js';

const root = join(import.meta.dirname, '../..');
const out = join(root, '.cache/docs-run/snippets');

const cases: Array<{ doc: string; block: number; what: string }> = [
  { doc: 'docs/store.md', block: 0, what: 'a Store from the sample book and from a MemorySource' },
  { doc: 'docs/store.md', block: 1, what: 'store.query with every kind of condition' },
  { doc: 'docs/health-model.md', block: 0, what: 'signals and a score for one account' },
  { doc: 'docs/health-model.md', block: 1, what: 'a configured model validated and scored over the book' },
  { doc: 'docs/alerts.md', block: 0, what: 'alerts, signals, health and next best actions' },
  { doc: 'docs/offline.md', block: 2, what: 'classifyFailure and an exhaustive switch over FailureKind' },
];

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'preamble.ts'), [
  "import { Store } from '@kamkit/core';",
  "import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';",
  'export const store = Store.fromBook(generateSampleBook({ accounts: 60 }), { fx: sampleFxTable });',
  '',
].join('\n'));

describe('docs: TypeScript snippets run as written', () => {
  for (const { doc, block, what } of cases) {
    it(`${doc} #${block}: ${what}`, async () => {
      let code = tsBlocks(doc)[block];
      expect(code, `${doc} has a ts block #${block}`).toBeTypeOf('string');
      // `expr; // 'value'` on a line of its own: the doc's promised output.
      code = code.replace(/^([^\s/].*?);\s*\/\/ '(.*)'$/m, (_, expr, want) => `export const got = ${expr};\nexport const want = ${JSON.stringify(want)};`);
      const needsStore = /\bstore\b/.test(code) && !/\b(const|let)\s+(\{[^}]*\bstore\b[^}]*\}|store)\s*=/.test(code);
      const file = join(out, `${doc.replace(/\W+/g, '_')}_${block}.ts`);
      writeFileSync(file, `${needsStore ? "import { store } from './preamble.js';\n" : ''}${code}\nexport {};\n`);
      const log = console.log;
      console.log = () => {};
      try {
        const mod = await import(/* @vite-ignore */ file);
        if ('want' in mod) expect(mod.got).toBe(mod.want);
      } finally {
        console.log = log;
      }
    });
  }
});
