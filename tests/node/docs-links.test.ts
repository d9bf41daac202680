// Every relative link and picture in README.md and docs/**/*.md points at a file that exists, and a
// link to `#heading` at a heading of that page (GitHub's ids, as docs/demo/docs-pages.ts makes them).
// A reader on GitHub or in the demo's Docs pages meets a broken one as a 404. Code blocks and inline
// code are not links. Under a second.
import { mkdtempSync, mkdirSync, readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsMarkdown, slug } from '../../docs/demo/docs-pages.js';

const root = join(import.meta.dirname, '../..');

/** README.md and every markdown file under docs/ below `base`, as paths relative to it. */
function markdownFiles(base: string): string[] {
  return [...(existsSync(join(base, 'README.md')) ? ['README.md'] : []), ...docsMarkdown(join(base, 'docs')).map((f) => `docs/${f}`)];
}

const withoutCode = (md: string) => md.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');

function headingIds(file: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.*)$/gm)) {
    const id = slug(m[1].replace(/`/g, ''));
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    ids.add(n ? `${id}-${n}` : id);
  }
  return ids;
}

/** `file: link → what is wrong`, for every broken relative link under `base`. */
function brokenLinks(base: string): string[] {
  const broken: string[] = [];
  for (const file of markdownFiles(base)) {
    const text = withoutCode(readFileSync(join(base, file), 'utf8'));
    const links = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g), ...text.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    for (const link of links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) continue;
      const [path, hash] = link.split('#');
      const target = path ? join(dirname(file), decodeURIComponent(path)) : file;
      if (path && !existsSync(join(base, target))) broken.push(`${file}: ${link} → no file ${target}`);
      else if (hash && target.endsWith('.md') && !headingIds(join(base, target)).has(hash)) broken.push(`${file}: ${link} → no heading #${hash} in ${target}`);
    }
  }
  return broken;
}

describe('docs: relative links', () => {
  it('finds a link to a missing file and to a missing heading', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-links-'));
    try {
      mkdirSync(join(dir, 'docs'));
      writeFileSync(join(dir, 'README.md'), '# Kit\n\n[guide](docs/guide.md#setup) · `[not a link](nowhere.md)`\n');
      writeFileSync(join(dir, 'docs/guide.md'), '# Guide\n\n## Set up\n\n[back](../README.md#kit) [gone](old.md) <img src="pic.png">\n');
      expect(brokenLinks(dir)).toEqual([
        'README.md: docs/guide.md#setup → no heading #setup in docs/guide.md',
        'docs/guide.md: old.md → no file docs/old.md',
        'docs/guide.md: pic.png → no file docs/pic.png',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('README.md and docs/**/*.md link only to files and headings that exist', () => {
    expect(markdownFiles(root).length).toBeGreaterThan(40);
    expect(brokenLinks(root)).toEqual([]);
  });
});
