// docs/reference/<tag>.md (generated from each element's JSDoc by scripts/build.mjs) lists the part
// an element's wiring hint is drawn in. An element that reads a store says "Place <kam-…> inside
// <kam-provider> or set its store." when it has none, in a box with part="state"
// (shared/kam-element.ts → shared/state-message.ts); a page styling that box follows the reference
// (docs/guides/theming.md: `::part(state)`). Elements that say it are those overriding awaitsStore(),
// directly or through the charts' base class. Node only, instant.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const src = join(root, 'packages/elements/src');
const overrides = (file: string) => existsSync(file) && /override awaitsStore\(/.test(readFileSync(file, 'utf8'));
const chartBaseSays = overrides(join(src, 'shared/chart/chart-base.ts'));

/** Tags whose element class (or the charts' base it extends) shows the wiring hint. */
function tagsThatSayIt(): string[] {
  const tags: string[] = [];
  for (const dir of readdirSync(src, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const define = join(src, dir.name, 'define.ts');
    if (!existsSync(define)) continue;
    const tag = /define\(\s*'(kam-[a-z0-9-]+)'/.exec(readFileSync(define, 'utf8'))?.[1];
    const cls = join(src, dir.name, `kam-${dir.name}.ts`);
    if (!tag || !existsSync(cls)) continue;
    const isChart = /extends Kam\w*Chart\b/.test(readFileSync(cls, 'utf8'));
    if (overrides(cls) || (isChart && chartBaseSays)) tags.push(tag);
  }
  return tags.sort();
}

function referenceParts(tag: string): string[] {
  const md = readFileSync(join(root, 'docs/reference', `${tag}.md`), 'utf8');
  const section = md.split(/^## CSS parts$/m)[1]?.split(/^## /m)[0] ?? '';
  return [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
}

describe('docs/reference: the part of the "Place <kam-…> inside <kam-provider>" hint', () => {
  it('is listed on the reference page of every element that shows it', () => {
    const tags = tagsThatSayIt();
    expect(tags.length, 'elements found').toBeGreaterThan(10);
    expect(tags.filter((tag) => !referenceParts(tag).includes('state'))).toEqual([]);
  });
});
