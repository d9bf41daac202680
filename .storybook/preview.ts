// Arg tables, descriptions and controls come from custom-elements.json (`npm run build`), the
// same manifest IDEs and React wrappers read, so docs never drift from the JSDoc.
import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../packages/elements/custom-elements.json';

setCustomElementsManifest(manifest);

type Item = { name: string; description?: string; kind?: string; readonly?: boolean; type?: { text?: string }; default?: string };
type Decl = { tagName?: string; members?: Item[]; attributes?: Item[]; events?: Item[]; slots?: Item[]; cssProperties?: Item[]; cssParts?: Item[] };

/**
 * The framework's own table keys every row by its name alone, so a CSS part named as an attribute
 * (the badge's `score` and `band`, the explainer's `what-if`) hid the attribute and turned its
 * control into a JSON editor. Here parts and slots get keys of their own; custom properties keep
 * theirs (`--kam-*`, set on the element's style by stories/support/args.ts).
 */
function extractArgTypes(tag: string) {
  const decl = (manifest as { modules: Array<{ declarations?: Decl[] }> }).modules
    .flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag);
  if (!decl) return undefined;
  const out: Record<string, object> = {};
  const row = (key: string, item: Item, category: string, typed: boolean, extra: object = {}) => {
    out[key] = {
      name: item.name, description: item.description, type: { name: typed ? item.type?.text ?? 'string' : 'void' },
      table: { category, type: { summary: item.type?.text }, defaultValue: { summary: item.default } }, ...extra,
    };
  };
  // The control a type asks for ('number | undefined' a number field, 'all-stage' | 'any-stage' a
  // choice), where the framework's table offered a JSON editor for all but plain `string`.
  const choice = (item: Item) => {
    const text = (item.type?.text ?? '').replace(/\s*\|\s*undefined$/, '');
    if (/^'[^']*'(\s*\|\s*'[^']*')+$/.test(text)) return { control: { type: 'inline-radio' }, options: text.split('|').map((o) => o.trim().slice(1, -1)) };
    return ['string', 'number', 'boolean'].includes(text) ? { type: { name: text }, control: { type: text === 'string' ? 'text' : text } } : {};
  };
  // a read-only property (label, resolvedTheme) is listed, with nothing to set
  for (const m of decl.members ?? []) if (m.kind !== 'method') row(m.name, m, 'properties', true, m.readonly ? { control: false } : choice(m));
  for (const a of decl.attributes ?? []) row(a.name, a, 'attributes', true, choice(a));
  for (const e of decl.events ?? []) {
    const on = 'on' + e.name.replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase());
    out[on] = { name: on, action: { name: e.name }, table: { disable: true } };
    row(e.name, e, 'events', false, { control: false });
  }
  for (const s of decl.slots ?? []) row(`slot:${s.name}`, { ...s, name: s.name || '(default)' }, 'slots', false, { control: false });
  for (const p of decl.cssProperties ?? []) row(p.name, p, 'css custom properties', true, { type: { name: 'string' }, control: { type: 'text' } });
  for (const p of decl.cssParts ?? []) row(`::part(${p.name})`, p, 'css shadow parts', false, { control: false });
  return out;
}

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true, matchers: { color: /(background|color)$/i, date: /Date$/i } },
    docs: { extractArgTypes },
    a11y: { test: 'error' },
    layout: 'padded',
  },
};
export default preview;
