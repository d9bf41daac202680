#!/usr/bin/env node
// `npm run build` — everything a developer installs, built from the sources:
//   1. packages/elements/custom-elements.json (the analyzer; config in custom-elements-manifest.config.mjs),
//      checked to list every tag a define.ts registers;
//   2. each package's dist/: ESM JavaScript (esbuild, one file per source file, the CSS inside Lit
//      `css` templates minified) and .d.ts (tsc -p packages/<pkg>/tsconfig.build.json);
//   3. packages/elements/dist/kamkit.bundle.js — every element in one file for a plain
//      `<script type="module">` tag (lit and @kamkit/core inside; esbuild, then terser: scripts/minify.mjs);
//   4. from the manifest: VS Code custom data, JetBrains web-types, React wrappers
//      (packages/elements/react/, @lit/react) and the element reference (docs/reference/<tag>.md).
// `node scripts/build.mjs --manifest-only` runs step 1 alone (Storybook needs only the manifest);
// `--no-check` emits the declarations without type-checking again (tests/node/packages.test.ts:
// `npm test` type-checks the whole repository in its own step, and checks the built .d.ts).
// Tests, fixtures and test helpers never reach dist/. Inside the workspace, every tool resolves
// @kamkit/* to src through the `kamkit-src` export condition; published consumers get dist/.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, rmSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { templatesPlugin } from './templates.mjs';
import { minifyModule } from './minify.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const elementsDir = join(root, 'packages/elements');
const elementsSrc = join(elementsDir, 'src');
const manifestPath = join(elementsDir, 'custom-elements.json');
const PACKAGES = ['core', 'adapters', 'elements']; // dependency order: declarations read the built .d.ts of the ones before
const NOT_SHIPPED = [/\.test\.ts$/, /(^|\/)test-[^/]*\.ts$/, /(^|\/)fixtures\.ts$/];

async function step(title, fn) {
  const started = Date.now();
  await fn();
  console.log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

function fail(message) {
  console.error(`✗ ${message}`);
  process.exit(1);
}

function run(args, what) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(`${what} exited with ${r.status}`);
}

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Tags registered by the define files, read from their source: `define('kam-x', KamX)`. */
export function definedTags() {
  const tags = [];
  for (const entry of readdirSync(elementsSrc, { withFileTypes: true })) {
    const file = join(elementsSrc, entry.name, 'define.ts');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/\bdefine\(\s*'([a-z][a-z0-9-]*)'\s*,\s*(\w+)\s*\)/g)) {
      tags.push({ tag: m[1], className: m[2], folder: entry.name, file: `src/${entry.name}/define.ts` });
    }
  }
  return tags;
}

/** Custom element declarations of the manifest, by tag. */
export function manifestElements(manifest) {
  const elements = new Map();
  for (const mod of manifest.modules ?? []) {
    for (const decl of mod.declarations ?? []) if (decl.customElement && decl.tagName) elements.set(decl.tagName, { ...decl, modulePath: mod.path });
  }
  return elements;
}

// ---- Lit templates (css, html, svg): their static text minified (scripts/templates.mjs; the size check uses the same)

// ---- steps -----------------------------------------------------------------------------------------
async function buildManifest() {
  run([join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--config', 'custom-elements-manifest.config.mjs'], 'the custom elements analyzer');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const elements = manifestElements(manifest);
  const missing = definedTags().filter((d) => !elements.has(d.tag));
  if (missing.length) fail(`custom-elements.json lacks ${missing.map((d) => `<${d.tag}> (${d.className}, ${d.file})`).join(', ')}`);
  const summary = [...elements.values()].map((d) =>
    `  <${d.tagName}> ${d.attributes?.length ?? 0} attributes, ${(d.members ?? []).filter((m) => m.kind === 'field').length} properties, ` +
    `${d.events?.length ?? 0} events, ${d.slots?.length ?? 0} slots, ${d.cssParts?.length ?? 0} parts, ${d.cssProperties?.length ?? 0} CSS properties`);
  console.log(summary.sort().join('\n'));
}

async function buildPackage(name) {
  const dir = join(root, 'packages', name);
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  const sources = walk(join(dir, 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !NOT_SHIPPED.some((re) => re.test(relative(join(dir, 'src'), f))));
  await build({
    entryPoints: sources, outdir: join(dir, 'dist'), outbase: join(dir, 'src'), bundle: false, format: 'esm',
    platform: 'neutral', target: 'es2022', tsconfig: join(root, 'tsconfig.base.json'), plugins: [templatesPlugin],
    logLevel: 'warning', legalComments: 'inline', charset: 'utf8',
  });
  run([join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.build.json'), ...(process.argv.includes('--no-check') ? ['--noCheck'] : [])], `tsc (declarations of @kamkit/${name})`);
  // declarations of files that were not shipped (tsc follows imports): drop them
  for (const f of walk(join(dir, 'dist'))) {
    const rel = relative(join(dir, 'dist'), f).replace(/\.d\.ts$/, '.ts');
    if (NOT_SHIPPED.some((re) => re.test(rel))) rmSync(f);
  }
}

async function buildBrowserBundle() {
  const entry = join(elementsDir, 'dist/kamkit.bundle.entry.js');
  writeFileSync(entry, "import './define-all.js';\nexport * from './index.js';\n");
  let bundled;
  try {
    bundled = await build({
      entryPoints: [entry], outfile: join(elementsDir, 'dist/kamkit.bundle.js'), write: false, bundle: true, minify: true, format: 'esm',
      platform: 'browser', target: 'es2022', conditions: ['production'], legalComments: 'eof', logLevel: 'warning', charset: 'utf8',
      // define-all's bare `import './x/kam-x.styles.js'` lines are there only to order the modules
      // (every element's CSS together: gzip finds the repeats). The styles modules have no side
      // effects (package.json), so esbuild emits nothing for those statements and warns, once per
      // element; the order still holds: measured here, this bundle is 1.4 KB gzip smaller with them
      // than without (152,768 vs 154,186 B after terser, 2026-11-25). Expected, so not printed.
      logOverride: { 'ignored-bare-import': 'silent' },
    });
  } finally { rmSync(entry); }
  // written after the second minifier pass the size budgets measure too (scripts/minify.mjs)
  writeFileSync(join(elementsDir, 'dist/kamkit.bundle.js'), await minifyModule(bundled.outputFiles[0].text));
  // its types: the same exports as the main entry, every tag registered
  writeFileSync(join(elementsDir, 'dist/kamkit.bundle.d.ts'), "import './define-all.js';\nexport * from './index.js';\n");
}

function typeText(t) { return t?.text ?? 'unknown'; }

function ideData(manifest) {
  const elements = [...manifestElements(manifest).values()].sort((a, b) => a.tagName.localeCompare(b.tagName));
  const docsUrl = (tag) => `https://github.com/kamkit/kamkit/blob/main/docs/reference/${tag}.md`;
  const valuesOf = (t) => {
    const m = typeText(t).split('|').map((s) => s.trim()).filter((s) => /^'[^']*'$|^"[^"]*"$/.test(s));
    return m.length ? m.map((s) => ({ name: s.slice(1, -1) })) : undefined;
  };
  const vscode = {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elements.map((d) => ({
      name: d.tagName,
      description: [d.summary, d.description].filter(Boolean).join('\n\n') || d.name,
      attributes: (d.attributes ?? []).map((a) => ({ name: a.name, description: a.description ?? '', ...(valuesOf(a.type) ? { values: valuesOf(a.type) } : {}) })),
      references: [{ name: 'Reference', url: docsUrl(d.tagName) }],
    })),
  };
  const pkg = JSON.parse(readFileSync(join(elementsDir, 'package.json'), 'utf8'));
  const webTypes = {
    $schema: 'https://raw.githubusercontent.com/JetBrains/web-types/master/v2-preview/web-types.json',
    name: pkg.name, version: pkg.version, 'description-markup': 'markdown', 'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elements.map((d) => ({
          name: d.tagName,
          description: [d.summary, d.description].filter(Boolean).join('\n\n') || d.name,
          'doc-url': docsUrl(d.tagName),
          attributes: (d.attributes ?? []).map((a) => ({ name: a.name, description: a.description ?? '', value: { type: typeText(a.type), required: false } })),
          slots: (d.slots ?? []).map((s) => ({ name: s.name || 'default', description: s.description ?? '' })),
          js: {
            properties: (d.members ?? []).filter((m) => m.kind === 'field').map((m) => ({ name: m.name, description: m.description ?? '', type: typeText(m.type) })),
            events: (d.events ?? []).map((e) => ({ name: e.name, description: e.description ?? '', type: typeText(e.type) })),
          },
        })),
      },
      css: {
        properties: elements.flatMap((d) => (d.cssProperties ?? []).map((p) => ({ name: p.name, description: `${p.description ?? ''} (<${d.tagName}>)`.trim() })))
          .filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i),
        parts: elements.flatMap((d) => (d.cssParts ?? []).map((p) => ({ name: p.name, description: `${p.description ?? ''} (<${d.tagName}>)`.trim() })))
          .filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i),
      },
    },
  };
  writeFileSync(join(elementsDir, 'vscode.html-custom-data.json'), JSON.stringify(vscode, null, 2) + '\n');
  writeFileSync(join(elementsDir, 'web-types.json'), JSON.stringify(webTypes, null, 2) + '\n');
}

const pascal = (tag) => tag.split('-').map((s) => s[0].toUpperCase() + s.slice(1)).join('');
const onEventName = (event) => `on${pascal(event)}`;

function reactWrappers(manifest) {
  const dir = join(elementsDir, 'react');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const header = '// Generated by scripts/build.mjs from custom-elements.json — do not edit.\n';
  const indexJs = [header], indexDts = [header];
  const byTag = new Map(definedTags().map((d) => [d.tag, d]));
  for (const d of [...manifestElements(manifest).values()].sort((a, b) => a.tagName.localeCompare(b.tagName))) {
    const def = byTag.get(d.tagName);
    if (!def) continue;
    const component = pascal(d.tagName).replace(/^Kam/, '');
    const events = (d.events ?? []).filter((e) => e.name);
    const file = d.tagName.replace(/^kam-/, '');
    const js = `${header}import * as React from 'react';
import { createComponent } from '@lit/react';
import { ${d.name} } from '../dist/${def.folder}/${relative(join('src', def.folder), d.modulePath.replace(/^src\//, `src/`)).replace(/\.ts$/, '.js')}';
import '../dist/${def.folder}/define.js';

/** React wrapper of <${d.tagName}>${d.summary ? `: ${d.summary}` : ''} */
export const ${component} = createComponent({
  react: React,
  tagName: '${d.tagName}',
  elementClass: ${d.name},
  events: {
${events.map((e) => `    ${onEventName(e.name)}: '${e.name}',`).join('\n')}
  },
});
`;
    const dts = `${header}import type { EventName, ReactWebComponent } from '@lit/react';
import type { ${d.name} } from '../dist/${def.folder}/${relative(join('src', def.folder), d.modulePath).replace(/\.ts$/, '.js')}';

/** React wrapper of <${d.tagName}>${d.summary ? `: ${d.summary}` : ''} */
export declare const ${component}: ReactWebComponent<${d.name}, {
${events.map((e) => `  ${onEventName(e.name)}: EventName<HTMLElementEventMap['${e.name}']>;`).join('\n')}
}>;
`;
    writeFileSync(join(dir, `${file}.js`), js);
    writeFileSync(join(dir, `${file}.d.ts`), dts);
    indexJs.push(`export { ${component} } from './${file}.js';`);
    indexDts.push(`export { ${component} } from './${file}.js';`);
  }
  writeFileSync(join(dir, 'index.js'), indexJs.join('\n') + '\n');
  writeFileSync(join(dir, 'index.d.ts'), indexDts.join('\n') + '\n');
}

// A table cell: `|` escaped, one line, and `<` / `>` outside code spans as entities (GitHub takes a
// raw `<HealthLike>` in `ReadonlyMap<string, HealthLike>` for an HTML tag and drops it; inside
// backticks an entity would show as typed).
function mdEscape(s) {
  return String(s ?? '').split(/(`[^`]*`)/).map((p, i) => (i % 2 ? p : p.replace(/</g, '&lt;').replace(/>/g, '&gt;'))).join('')
    .replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();
}
function table(headers, rows) {
  if (!rows.length) return '_None._\n';
  return `| ${headers.join(' | ')} |\n| ${headers.map(() => '---').join(' | ')} |\n${rows.map((r) => `| ${r.map(mdEscape).join(' | ')} |`).join('\n')}\n`;
}

function reference(manifest) {
  const dir = join(root, 'docs/reference');
  mkdirSync(dir, { recursive: true });
  const byTag = new Map(definedTags().map((d) => [d.tag, d]));
  const index = ['# Element reference\n', 'Generated by `npm run build` from `packages/elements/custom-elements.json` (the JSDoc of each element). Do not edit by hand.\n'];
  for (const d of [...manifestElements(manifest).values()].sort((a, b) => a.tagName.localeCompare(b.tagName))) {
    const def = byTag.get(d.tagName);
    const fields = (d.members ?? []).filter((m) => m.kind === 'field' && !m.static);
    const md = [
      `# \`<${d.tagName}>\`\n`,
      '<!-- Generated by scripts/build.mjs from custom-elements.json — do not edit. -->\n',
      d.summary ? `${d.summary}\n` : '', d.description ? `${d.description}\n` : '',
      '```js\n' + `import '@kamkit/elements/${def?.folder ?? d.tagName.replace(/^kam-/, '')}';\n` + '```\n',
      `Class: \`${d.name}\` (\`@kamkit/elements\`).\n`,
      '## Attributes\n', table(['Attribute', 'Property', 'Type', 'Default', 'Description'], (d.attributes ?? []).map((a) => [`\`${a.name}\``, a.fieldName ? `\`${a.fieldName}\`` : '', typeText(a.type), a.default ?? '', a.description ?? ''])),
      '\n## Properties\n', table(['Property', 'Type', 'Default', 'Description'], fields.map((m) => [`\`${m.name}\``, typeText(m.type), m.default ?? '', `${m.readonly ? 'Read-only. ' : ''}${m.description ?? ''}`.trim()])),
      '\n## Events\n', table(['Event', 'Detail', 'Description'], (d.events ?? []).map((e) => [`\`${e.name}\``, typeText(e.type), e.description ?? ''])),
      '\n## Slots\n', table(['Slot', 'Description'], (d.slots ?? []).map((s) => [s.name ? `\`${s.name}\`` : '(default)', s.description ?? ''])),
      '\n## CSS parts\n', table(['Part', 'Description'], (d.cssParts ?? []).map((p) => [`\`${p.name}\``, p.description ?? ''])),
      '\n## CSS custom properties\n', table(['Property', 'Default', 'Description'], (d.cssProperties ?? []).map((p) => [`\`${p.name}\``, p.default ?? '', p.description ?? ''])),
    ];
    writeFileSync(join(dir, `${d.tagName}.md`), md.filter(Boolean).join('\n'));
    index.push(`- [\`<${d.tagName}>\`](./${d.tagName}.md)${d.summary ? ` — ${mdEscape(d.summary)}` : ''}`);
  }
  writeFileSync(join(dir, 'README.md'), index.join('\n') + '\n');
}

await step('custom-elements.json', buildManifest);
if (!process.argv.includes('--manifest-only')) {
  for (const name of PACKAGES) await step(`@kamkit/${name} → dist (ESM + .d.ts)`, () => buildPackage(name));
  await step('packages/elements/dist/kamkit.bundle.js', buildBrowserBundle);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  await step('vscode.html-custom-data.json + web-types.json', () => ideData(manifest));
  await step('React wrappers (packages/elements/react)', () => reactWrappers(manifest));
  await step('docs/reference/<tag>.md', () => reference(manifest));
  const bundle = statSync(join(elementsDir, 'dist/kamkit.bundle.js')).size;
  console.log(`  kamkit.bundle.js ${(bundle / 1024).toFixed(1)} KB minified`);
}
