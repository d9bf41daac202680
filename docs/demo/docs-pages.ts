// The guides and the reference as pages to read, next to the demo: each docs/**/*.md is served
// (`npm start`) and built (`vite build`) as the same path ending in .html, rendered by marked in
// Node. No markdown and no script reach the browser, so the pages stand under the demo's strict
// CSP and Trusted Types as they are (tests/node/demo-docs.test.ts). Links between the docs point
// at their pages; what they show or link to (the screenshots,
// the OpenAPI file) is copied into a build beside them.
import { Marked, type Tokens } from 'marked';
import type { Plugin } from 'vite';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const docsDir = fileURLToPath(new URL('..', import.meta.url));

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** GitHub's heading ids (lower case, punctuation dropped, spaces as dashes), so `page.md#theming` links still land. */
export const slug = (text: string) => text.toLowerCase().trim().replace(/<[^>]*>|&[^;\s]+;/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');

/** Every markdown file under docs/, as paths relative to it with `/` separators. */
export function docsMarkdown(dir = docsDir): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md') && !f.split(sep).includes('node_modules'))
    .map((f) => f.split(sep).join('/'))
    .sort();
}

/**
 * A relative link to another markdown file in docs/ points at its page, and one to a folder at the
 * folder's README page, else at the docs index (which lists every page); every other link stays.
 */
function pageLink(href: string, from: string): string {
  const m = /^([^:?#/][^:?#]*)(#.*)?$/.exec(href);
  if (!m) return href; // another site, a place on this page, or a query
  const [, path, hash = ''] = m;
  const here = dirname(join(docsDir, from));
  const target = join(here, path);
  if (!target.startsWith(docsDir) || !existsSync(target)) return href;
  if (path.endsWith('.md')) return `${path.slice(0, -3)}.html${hash}`;
  if (!statSync(target).isDirectory()) return href;
  if (existsSync(join(target, 'README.md'))) return `${path.replace(/\/?$/, '/')}README.html${hash}`;
  return relative(here, join(docsDir, 'README.html')).split(sep).join('/');
}

/** The files a page shows or links to (relative `src`s and `href`s inside docs/, not pages), as paths relative to docs/. */
function shownFiles(html: string, from: string): string[] {
  const out: string[] = [];
  for (const [, src] of html.matchAll(/(?:src|href)="([^":?#]+\.(?!html")\w+)"/g)) {
    const file = join(dirname(join(docsDir, from)), src);
    if (file.startsWith(docsDir) && existsSync(file)) out.push(relative(docsDir, file).split(sep).join('/'));
  }
  return out;
}

/** The page for `file` (a path relative to docs/, e.g. `guides/theming.md`): a whole HTML document. */
export function renderDocsPage(file: string): string {
  const md = new Marked({
    gfm: true,
    walkTokens: (token) => { if (token.type === 'link') (token as Tokens.Link).href = pageLink((token as Tokens.Link).href, file); },
    renderer: {
      // The docs use no HTML of their own: what looks like a tag ('<kam-provider>', 'ChartState<D>'
      // in the generated reference) is text, not an element that swallows the words; comments go.
      html({ text }) { return text.trimStart().startsWith('<!--') ? '' : escapeHtml(text); },
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        return `<h${depth} id="${slug(inner)}">${inner}</h${depth}>\n`;
      },
    },
  });
  const source = readFileSync(join(docsDir, file), 'utf8');
  const body = md.parse(source, { async: false });
  const title = /^#\s+(.+)$/m.exec(source)?.[1].replace(/[`*_]/g, '') ?? file;
  // Relative links, so the pages work wherever the demo is served from.
  const up = '../'.repeat(file.split('/').length - 1) || './';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}${title.startsWith('KAM Kit') ? '' : ' — KAM Kit docs'}</title>
  <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 viewBox=%270 0 16 16%27%3E%3Crect width=%2716%27 height=%2716%27 rx=%273%27 fill=%27%230b2e59%27/%3E%3C/svg%3E">
  <link rel="stylesheet" href="${up}demo/docs.css">
</head>
<body>
  <a class="skip" href="#main">Skip to content</a>
  <header class="docs-header">
    <nav aria-label="Docs">
      <a href="${up}README.html">KAM Kit docs</a>
      <a href="${up}index.html">Back to the demo</a>
    </nav>
  </header>
  <main id="main" class="doc" tabindex="-1">
${body}  </main>
</body>
</html>
`;
}

/** Vite plugin: serves the pages (`npm start`) and writes them, their stylesheet and their pictures into a build. */
export function docsPages(): Plugin {
  return {
    name: 'kamkit-docs-pages',
    configureServer(server) {
      // Before Vite's own middlewares, whose HTML fallback would answer with the demo page.
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        const file = `${path.slice(1, -'.html'.length)}.md`;
        if (!path.endsWith('.html') || !join(docsDir, file).startsWith(docsDir) || !existsSync(join(docsDir, file))) return next();
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(renderDocsPage(file));
      });
    },
    generateBundle() {
      const shown = new Set<string>();
      for (const file of docsMarkdown()) {
        const page = renderDocsPage(file);
        this.emitFile({ type: 'asset', fileName: file.replace(/\.md$/, '.html'), source: page });
        for (const f of shownFiles(page, file)) shown.add(f);
      }
      for (const f of ['demo/docs.css', ...shown]) this.emitFile({ type: 'asset', fileName: f, source: readFileSync(join(docsDir, f)) });
    },
  };
}
