// The static text of Lit templates, minified at build time: css`…` (comments, whitespace) and
// html`…` / svg`…` (each run of whitespace that holds a line break becomes one space: the same
// rendering, since HTML collapses whitespace, without the source's indentation). The build
// (scripts/build.mjs) ships them so, and the size check (scripts/size.mjs) measures them so; the
// sources keep their normal indentation.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

function minifyCssText(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

// HTML collapses whitespace, so each run of it that holds a line break can be one space.
const collapseLines = (text) => text.replace(/[ \t]*\n\s*/g, ' ');
/** Per tag, what becomes of the static text between a template's interpolations. */
const markupTags = { html: collapseLines, svg: collapseLines };
const allTags = { ...markupTags, css: minifyCssText };

/**
 * Minifies the static text of every template tagged with one of `tags` (found by TypeScript's
 * parser, so nested templates inside `${…}` and strings holding backticks are handled);
 * interpolations are kept as they are. A markup template with <pre> or <textarea> is left as it
 * is (whitespace is content there).
 */
function minifyTagged(source, fileName, tags) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edits = []; // [start, end, text] over the raw text of each literal piece
  const visit = (node) => {
    const minify = ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && Object.hasOwn(tags, node.tag.text) ? tags[node.tag.text] : undefined;
    if (minify) {
      const t = node.template;
      const pieces = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((s) => s.literal)];
      if (node.tag.text === 'css' || !pieces.some((p) => /<(pre|textarea)\b/i.test(p.getText(file)))) {
        for (const p of pieces) {
          // `…` and `…${ / }…${ / }…`: the delimiters around each piece's raw text
          const start = p.getStart(file) + 1, end = p.getEnd() - (ts.isTemplateHead(p) || ts.isTemplateMiddle(p) ? 2 : 1);
          const raw = source.slice(start, end), text = minify(raw);
          if (text !== raw) edits.push([start, end, text]);
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

/** The html`…` and svg`…` templates of a source file minified (whitespace runs with a line break become one space). */
export const minifyHtmlTemplates = (source, fileName = 'x.ts') => minifyTagged(source, fileName, markupTags);

/** What the build ships of a source file: its css templates (comments, whitespace) and its markup templates minified. */
export function minifyTemplates(text, fileName) {
  return /\b(css|html|svg)`/.test(text) ? minifyTagged(text, fileName, allTags) : text;
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
