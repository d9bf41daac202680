// The static text of Lit css`…` templates, minified at build time (comments, whitespace): the
// build (scripts/build.mjs) ships it so, and the size check (scripts/size.mjs) measures it so.
import { readFileSync } from 'node:fs';

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

export const cssTemplatesPlugin = {
  name: 'kamkit-minify-css-templates',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.includes('css`') ? minifyCssTemplates(text) : text, loader: 'ts' };
    });
  },
};
