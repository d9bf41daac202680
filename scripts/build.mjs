#!/usr/bin/env node
// `npm run build`: generates packages/elements/custom-elements.json with the analyzer (config in
// custom-elements-manifest.config.mjs) and checks that every tag a define.ts registers is in it,
// as a custom element with its tag name. A later packaging step extends this script.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const elementsSrc = join(root, 'packages/elements/src');
const manifestPath = join(root, 'packages/elements/custom-elements.json');

function step(title, fn) {
  const started = Date.now();
  fn();
  console.log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

function fail(message) {
  console.error(`✗ ${message}`);
  process.exit(1);
}

/** Tags registered by the define files, read from their source: `define('kam-x', KamX)`. */
function definedTags() {
  const tags = [];
  for (const entry of readdirSync(elementsSrc, { withFileTypes: true })) {
    const file = join(elementsSrc, entry.name, 'define.ts');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/\bdefine\(\s*'([a-z][a-z0-9-]*)'\s*,\s*(\w+)\s*\)/g)) {
      tags.push({ tag: m[1], className: m[2], file: `src/${entry.name}/define.ts` });
    }
  }
  return tags;
}

step('custom-elements.json', () => {
  const cem = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
  const r = spawnSync(process.execPath, [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(`the custom elements analyzer exited with ${r.status}`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const elements = new Map();
  for (const mod of manifest.modules ?? []) {
    for (const decl of mod.declarations ?? []) if (decl.customElement && decl.tagName) elements.set(decl.tagName, decl);
  }
  const missing = definedTags().filter((d) => !elements.has(d.tag));
  if (missing.length) fail(`custom-elements.json lacks ${missing.map((d) => `<${d.tag}> (${d.className}, ${d.file})`).join(', ')}`);
  const summary = [...elements.values()].map((d) =>
    `  <${d.tagName}> ${d.attributes?.length ?? 0} attributes, ${(d.members ?? []).filter((m) => m.kind === 'field').length} properties, ` +
    `${d.events?.length ?? 0} events, ${d.slots?.length ?? 0} slots, ${d.cssParts?.length ?? 0} parts, ${d.cssProperties?.length ?? 0} CSS properties`);
  console.log(summary.sort().join('\n'));
});
