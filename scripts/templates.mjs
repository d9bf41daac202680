// The static text of Lit templates, minified at build time: css`…` (comments, whitespace) and
// html`…` / svg`…` (each run of whitespace that holds a line break becomes one space: the same
// rendering, since HTML collapses whitespace, without the source's indentation). The build
// (scripts/build.mjs) ships them so, and the size check (scripts/size.mjs) measures them so; the
// sources keep their normal indentation.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** Minifies the static text of every css`…` template (comments, whitespace); interpolations are kept as they are. */
export function minifyCssTemplates(source) {
  let out = '';
  let i = 0;
  for (;;) {
    const start = source.indexOf('css`', i);
    if (start < 0 || (start > 0 && /[\w$.]/.test(source[start - 1]))) {
      if (start < 0) { out += source.slice(i); return out; }
      out += source.slice(i, start + 4); i = start + 4; continue;
    }
    out += source.slice(i, start + 4);
    let j = start + 4;
    let chunk = '';
    const flush = () => { out += minifyCssText(chunk); chunk = ''; };
    while (j < source.length && source[j] !== '`') {
      if (source[j] === '\\') { chunk += source.slice(j, j + 2); j += 2; continue; }
      if (source[j] === '$' && source[j + 1] === '{') {
        flush();
        let depth = 0; const from = j;
        for (j += 1; j < source.length; j++) {
          if (source[j] === '{') depth++;
          else if (source[j] === '}' && --depth === 0) break;
        }
        out += source.slice(from, j + 1); j++;
        continue;
      }
      chunk += source[j++];
    }
    flush();
    out += '`';
    i = j + 1;
  }
}

function minifyCssText(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/** Tags whose templates are HTML or SVG markup. */
const markupTags = new Set(['html', 'svg']);

/**
 * In every html`…` and svg`…` template (found by TypeScript's parser, so nested templates inside
 * `${…}` and strings holding backticks are handled), each whitespace run with a line break becomes
 * one space. A template with <pre> or <textarea> is left as it is (whitespace is content there).
 */
export function minifyHtmlTemplates(source, fileName = 'x.ts') {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edits = []; // [start, end, text] over the raw text of each literal piece
  const piece = (node, headLen, tailLen) => {
    const start = node.getStart(file) + headLen, end = node.getEnd() - tailLen;
    const raw = source.slice(start, end);
    const text = raw.replace(/[ \t]*\n\s*/g, ' ');
    if (text !== raw) edits.push([start, end, text]);
  };
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && markupTags.has(node.tag.text)) {
      const t = node.template;
      const pieces = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((s) => s.literal)];
      if (!pieces.some((p) => /<(pre|textarea)\b/i.test(p.getText(file)))) {
        for (const p of pieces) {
          // `…` and `…${ / }…${ / }…`: the delimiters around each piece's raw text
          if (ts.isNoSubstitutionTemplateLiteral(p)) piece(p, 1, 1);
          else if (ts.isTemplateHead(p)) piece(p, 1, 2);
          else if (ts.isTemplateMiddle(p)) piece(p, 1, 2);
          else piece(p, 1, 1);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

/** What the build ships of a source file: its css templates and its markup templates minified. */
export function minifyTemplates(text, fileName) {
  let out = text;
  if (out.includes('css`')) out = minifyCssTemplates(out);
  if (out.includes('html`') || out.includes('svg`')) out = minifyHtmlTemplates(out, fileName);
  return out;
}

const cache = new Map(); // path → [source, minified]: the size check bundles the same files many times

export const templatesPlugin = {
  name: 'kamkit-minify-templates',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      let hit = cache.get(args.path);
      if (!hit || hit[0] !== text) cache.set(args.path, hit = [text, minifyTemplates(text, args.path)]);
      return { contents: hit[1], loader: 'ts' };
    });
  },
};
