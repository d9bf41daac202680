// The build minifies the static text of Lit templates (scripts/templates.mjs): css`…` loses
// comments and whitespace, html`…` / svg`…` lose only their indentation (a whitespace run with a
// line break becomes one space, which HTML renders the same). Checked here over every shipped
// source: the code outside markup templates is untouched, and inside them only whitespace changed.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
// @ts-expect-error plain ESM script without types
import { minifyTemplates, minifyHtmlTemplates } from '../../scripts/templates.mjs';

const root = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** Each html / svg template's static strings and expressions, in source order. */
function markup(text: string): Array<{ strings: string[]; expressions: string[] }> {
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Array<{ strings: string[]; expressions: string[] }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'svg')) {
      const t = node.template;
      found.push(ts.isNoSubstitutionTemplateLiteral(t)
        ? { strings: [t.rawText ?? ''], expressions: [] }
        : { strings: [t.head.rawText ?? '', ...t.templateSpans.map((s) => s.literal.rawText ?? '')], expressions: t.templateSpans.map((s) => s.expression.getText(file)) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('minified templates (scripts/templates.mjs)', () => {
  it('changes nothing but whitespace inside markup templates, in every element source', () => {
    let templates = 0, saved = 0;
    for (const path of sources(join(root, 'packages/elements/src'))) {
      const text = readFileSync(path, 'utf8');
      const out = minifyHtmlTemplates(text, path);
      const before = markup(text), after = markup(out);
      expect(after.length, path).toBe(before.length);
      before.forEach((b, k) => {
        expect(after[k].expressions.map(squash), path).toEqual(b.expressions.map(squash)); // nested templates: minified too
        expect(after[k].strings.map(squash), path).toEqual(b.strings.map(squash));
        // whitespace is content in <pre> and <textarea>: such a template is kept as it is
        if (/<(pre|textarea)\b/i.test(b.strings.join(''))) expect(after[k].strings, path).toEqual(b.strings);
        else for (const s of after[k].strings) expect(s.includes('\n'), `${path}: a line break left in a template`).toBe(false);
      });
      templates += before.length;
      saved += text.length - out.length;
    }
    expect(templates).toBeGreaterThan(100);
    expect(saved).toBeGreaterThan(1000);
  });

  it('minifies nested templates and leaves strings, comments and other tags alone', () => {
    const src = [
      "const a = html`<ul>\n    ${items.map((i) => html`\n      <li>${i}</li>`)}\n  </ul>`;",
      "const b = `plain\n   text`; const c = other`x\n   y`; // html`\n   z`",
      "const d = html`<pre>\n  kept\n</pre>`;",
      "const e = svg`<g>\n  <text>${'`'}</text>\n</g>`;",
    ].join('\n');
    expect(minifyHtmlTemplates(src).split('\n')).toEqual([
      "const a = html`<ul> ${items.map((i) => html` <li>${i}</li>`)} </ul>`;",
      "const b = `plain", '   text`; const c = other`x', '   y`; // html`', '   z`',
      "const d = html`<pre>", '  kept', '</pre>`;',
      "const e = svg`<g> <text>${'`'}</text> </g>`;",
    ]);
  });

  it('still minifies css templates', () => {
    expect(minifyTemplates('const s = css`\n  :host {\n    display: block; /* why */\n  }\n`;', 'x.ts')).toBe('const s = css` :host{display:block}`;');
  });
});
