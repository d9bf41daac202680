#!/usr/bin/env node
// Size budgets (minified + gzip), measured by bundling each public entry with esbuild the way it
// ships (css``, html`` and svg`` templates minified as the build does, UTF-8 output as the build
// writes, then terser's second pass as the shipped bundle gets: scripts/minify.mjs):
//   @kamkit/core (the main entry)     ≤ 20 KB  (each core subpath is shown for information)
//   each element entry, its own code  ≤ 15 KB  (lit, @lit/*, d3-* and @kamkit/core shared)
//   the dashboard with its d3 modules ≤ 40 KB  (lit and @kamkit/core shared)
//   the whole library                 ≤ 100 KB (every element, core, lit, d3 — one bundle)
// The whole library is bundled with code splitting: what a page loads up front is the entry and
// every chunk it imports statically; chunks reached only through `import()` (the REST adapter
// that <kam-provider endpoint> loads on demand) are shown on their own line, outside the budget.
// `node scripts/size.mjs [--json] [--why]` prints the table (--why: what fills each entry over its
// budget, from esbuild's metafile); tests/node/size-budgets.test.ts enforces it.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { templatesPlugin } from './templates.mjs';
import { minifyModule } from './minify.mjs';

const root = new URL('..', import.meta.url).pathname;
const KB = 1024;
const common = {
  bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false,
  conditions: ['kamkit-src', 'production'], logLevel: 'silent', tsconfig: join(root, 'tsconfig.base.json'),
  legalComments: 'none', charset: 'utf8',
};

// An element that embeds another (the board shows health badges) does not count the other's code
// as its own: imports of a sibling element folder stay external.
const siblingsExternal = (entry) => ({
  name: 'siblings-external',
  setup(b) {
    const own = entry.match(/packages\/elements\/src\/([^/]+)\//)?.[1];
    if (!own) return;
    b.onResolve({ filter: /^\.\.\/[a-z0-9-]+\// }, (args) => {
      const folder = args.path.split('/')[1];
      if (folder !== own && folder !== 'shared' && args.importer.includes('/packages/elements/src/')) return { path: args.path, external: true };
      return undefined;
    });
  },
});

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** Minified bytes per input module, biggest first (what fills a bundle). */
function inputsOf(outputs) {
  const bytes = new Map();
  for (const o of outputs) for (const [path, i] of Object.entries(o.inputs)) bytes.set(path, (bytes.get(path) ?? 0) + i.bytesInOutput);
  return [...bytes].filter(([, b]) => b > 0).sort((a, b) => b[1] - a[1]).map(([path, b]) => ({ path, bytes: b }));
}

// What an entry reaches only through `import()` (each element's zh-CN strings, loaded when one
// renders in zh-CN) is not loaded up front: it stays out of the entry's size, as in the whole library.
const lazyExternal = {
  name: 'lazy-external',
  setup(b) { b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined)); },
};

async function gzipSize(entry, external, { ownOnly = false } = {}) {
  const r = await build({
    ...common, plugins: [templatesPlugin, lazyExternal, ...(ownOnly ? [siblingsExternal(entry)] : [])],
    entryPoints: [join(root, entry)], external, metafile: true,
  });
  const code = Buffer.from(await minifyModule(r.outputFiles[0].text));
  return { raw: code.length, gzip: gz(code), inputs: inputsOf(Object.values(r.metafile.outputs)) };
}

/** One bundle with code splitting: the initial load (entry + static chunks) and the lazy chunks. */
async function splitSizes(entry) {
  const r = await build({
    ...common, plugins: [templatesPlugin], entryPoints: [join(root, entry)],
    splitting: true, outdir: join(root, '.cache/size'), metafile: true,
  });
  const outputs = r.metafile.outputs;
  const byPath = new Map(await Promise.all(r.outputFiles.filter((f) => f.path.endsWith('.js')).map(async (f) => [f.path, Buffer.from(await minifyModule(f.text))])));
  const keyOf = (p) => join(root, p);
  // chunks reached through import() have an entryPoint too: find the one of `entry`
  const entryKey = Object.keys(outputs).find((k) => outputs[k].entryPoint && join(root, outputs[k].entryPoint) === join(root, entry));
  const initial = new Set();
  const walk = (k) => {
    if (initial.has(k)) return;
    initial.add(k);
    for (const i of outputs[k].imports) if (i.kind === 'import-statement' && outputs[i.path]) walk(i.path);
  };
  walk(entryKey);
  const sum = (keys) => {
    const files = keys.map((k) => byPath.get(keyOf(k)));
    return { raw: files.reduce((n, f) => n + f.length, 0), gzip: files.reduce((n, f) => n + gz(f), 0), files: keys.length };
  };
  const lazy = Object.keys(outputs).filter((k) => !initial.has(k) && !k.endsWith('.map'));
  const lazyInputs = lazy.flatMap((k) => Object.keys(outputs[k].inputs)).filter((p) => !p.includes('node_modules'));
  const lazyEntries = [...new Set(lazy.map((k) => outputs[k].entryPoint).filter(Boolean))];
  return { initial: { ...sum([...initial]), inputs: inputsOf([...initial].map((k) => outputs[k])) }, lazy: { ...sum(lazy), entries: lazyEntries, modules: lazyInputs.length } };
}

// Entries known to be over budget (issue 8 stays open until they fit). Each has a ceiling at its
// size when measured, so it cannot grow unnoticed; the test fails when an entry exceeds its
// budget without a ceiling, or exceeds its ceiling. Remove a line once the entry fits.
export const knownOverBudget = {
  // 107.6 (session 14, lowered from 111.7): terser's second pass over esbuild's output
  // (scripts/minify.mjs), as the shipped bundle now gets: 114,340 -> 110,282 B, the same code;
  // lit and i18n in the main file, define-all's order measured again (-304 B); paying for fixes
  // (the store keeps its stage history over CRMs that keep none, a chart keeps the keyboard
  // user's place across a data update, a confirmed board move keeps its card's place): 110,112 B.
  // 111.7 (session 13, lowered from 112.6): lazy parts reach less of what the page loads (8 -> 4
  // files up front), internal members as ES private names (#) that the minifier shortens; paying
  // for fixes (a failed load said once, the wiring hint in every element, the stakeholder map's
  // wrapped rows, the provider's sync resuming from its load).
  // 112.6: raised by 100 B more for a third — a Chinese sentence no longer spaces off a Chinese
  // name ("移至需求分析", "明德电子的健康度"; Latin names keep their spaces).
  // 112.5: raised by 104 B more for another — elements follow a change of the page's `lang` after
  // load (they stayed in the language they first rendered in; a page half in each).
  // 112.4: raised by 157 B to pay for a fix — an element with no provider above it and no store
  // says how to wire it (the 360 view said "Loading account…" for ever, the list "No accounts yet.").
  // 112.2 (was 113.2, 119.3, 120.3, 120.9, 126.9 before): the charts' band scale without
  // d3-scale, inline styles without styleMap, one getPath; before that, define-all's import order tuned for gzip's
  // 32 KB window (styles first, alike code together), small shared modules folded into the main
  // file instead of files of their own; before that, charts' lines without d3-shape, templates without their
  // indentation, no decorators, lazy chunks that do not split small modules into files of their
  // own, interaction-only code fetched on first use, properties in one table, health scoring in
  // one loop (docs/performance.md, "Size").
  'whole library': 107.6 * KB,
};

export async function measureSizes() {
  const rows = [];
  const corePkg = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8'));
  for (const [key, entry] of Object.entries(corePkg.exports)) {
    const file = typeof entry === 'string' ? entry : entry['kamkit-src'];
    if (typeof file !== 'string' || !file.endsWith('.ts')) continue;
    // each entry bundled alone, with what it imports from the others (what a page using only it
    // loads); the budget is the main entry's, the subpaths are shown so their cost is visible
    const main = key === '.';
    rows.push({ name: `@kamkit/core${key.slice(1)}`, ...(await gzipSize(join('packages/core', file), [])), budget: main ? 20 * KB : undefined, note: main ? undefined : 'alone, with the model and store code it uses' });
  }
  const pkg = JSON.parse(readFileSync(join(root, 'packages/elements/package.json'), 'utf8'));
  // @kamkit/adapters: <kam-provider endpoint> imports the REST adapter lazily (its own chunk, another package).
  const shared = ['lit', 'lit/*', '@lit/*', 'd3-*', '@kamkit/core', '@kamkit/core/*', '@kamkit/adapters', '@kamkit/adapters/*'];
  for (const [key, entry] of Object.entries(pkg.exports)) {
    // exports carry a `kamkit-src` condition pointing at the source the workspace develops against
    const file = typeof entry === 'string' ? entry : entry['kamkit-src'];
    if (typeof file !== 'string' || !file.includes('/define.ts')) continue;
    const path = join('packages/elements', file);
    if (!existsSync(join(root, path))) continue;
    const name = `@kamkit/elements${key.slice(1)}`;
    rows.push({ name, ...(await gzipSize(path, shared, { ownOnly: true })), budget: 15 * KB });
    if (key === './dashboard') rows.push({ name: `${name} (+ d3)`, ...(await gzipSize(path, ['lit', 'lit/*', '@lit/*', '@kamkit/core', '@kamkit/core/*'])), budget: 40 * KB });
  }
  const whole = await splitSizes('packages/elements/src/define-all.ts');
  rows.push({ name: 'whole library', raw: whole.initial.raw, gzip: whole.initial.gzip, inputs: whole.initial.inputs, budget: 100 * KB, note: `${whole.initial.files} files loaded up front` });
  rows.push({
    name: 'whole library, lazy chunks', raw: whole.lazy.raw, gzip: whole.lazy.gzip, budget: undefined,
    note: `only on demand: ${[
      ...whole.lazy.entries.filter((e) => !e.endsWith('/strings.zh-CN.ts')).map((e) => e.replace(/^packages\//, '')),
      ...whole.lazy.entries.some((e) => e.endsWith('/strings.zh-CN.ts')) ? [`${whole.lazy.entries.filter((e) => e.endsWith('/strings.zh-CN.ts')).length} zh-CN string tables (elements/src/*/strings.zh-CN.ts)`] : [],
    ].join(', ') || 'none'}`,
  });
  return rows.map((r) => {
    const ceiling = knownOverBudget[r.name];
    const ok = r.budget === undefined || r.gzip <= r.budget;
    return { ...r, ok, ceiling, withinCeiling: ok || r.gzip <= (ceiling ?? r.budget) };
  });
}

export function formatTable(rows) {
  const lines = [`${'entry'.padEnd(48)} ${'min'.padStart(9)} ${'gzip'.padStart(9)} ${'budget'.padStart(9)}`];
  for (const r of rows) {
    const status = r.budget === undefined ? '' : r.ok ? 'ok' : r.withinCeiling ? `OVER (known; ceiling ${(r.ceiling / KB).toFixed(1)}KB)` : 'OVER';
    lines.push(`${r.name.padEnd(48)} ${(r.raw / KB).toFixed(1).padStart(7)}KB ${(r.gzip / KB).toFixed(1).padStart(7)}KB ${(r.budget === undefined ? '—' : `${(r.budget / KB).toFixed(0)}KB`).padStart(9)} ${status}${r.note ? `  (${r.note})` : ''}`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await measureSizes();
  if (process.argv.includes('--json')) for (const { inputs, ...r } of rows) console.log(JSON.stringify(r));
  else console.log(formatTable(rows));
  if (process.argv.includes('--why')) {
    for (const r of rows.filter((x) => !x.ok)) {
      // by package or element folder, then the biggest modules
      const groups = new Map();
      for (const { path, bytes } of r.inputs) {
        const g = path.replace(/^(.*node_modules\/(@[^/]+\/)?[^/]+).*/, '$1').replace(/^.*node_modules\//, '').replace(/^(packages\/[^/]+\/src\/[^/]+)\/.*/, '$1');
        groups.set(g, (groups.get(g) ?? 0) + bytes);
      }
      console.log(`\n${r.name}: ${(r.raw / KB).toFixed(1)} KB minified, ${(r.gzip / KB).toFixed(1)} KB gzip — bytes by origin (esbuild-minified, before terser):`);
      for (const [g, b] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(b / KB).toFixed(1).padStart(6)} KB  ${g}`);
      console.log('  biggest modules:');
      for (const { path, bytes } of r.inputs.slice(0, 12)) console.log(`  ${(bytes / KB).toFixed(1).padStart(6)} KB  ${path}`);
    }
  }
  process.exit(rows.every((r) => r.withinCeiling) ? 0 : 1);
}
