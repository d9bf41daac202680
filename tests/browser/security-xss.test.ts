// Security suite, injection: every payload of tests/fixtures/xss-payloads.ts goes into every text
// field the elements render — account, contact, stage and pipeline names, notes, activity subjects,
// alert texts (built from those names), chart labels, currency codes (attributes: the model
// refuses non-ISO codes in records) — and every kam-* element renders that book inside a provider.
// Then every element that can take focus is focused, every element hovered, every menu, disclosure
// and dialog opener clicked. Nothing may run (window.__kamXss stays undefined) and no shadow root
// may hold an element or attribute that came from data.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { Store, parseEntity, type Book, type EntityKind } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';
import '../../packages/elements/src/define-all.js';
import { xssPayloads } from '../fixtures/xss-payloads.js';

const NOW = '2026-11-23T00:00:00Z';
// Payloads per render, and a book big enough that each one still lands in dozens of fields of each
// kind (64 payloads over 60 accounts and their records): two renders cover the whole list.
const CHUNK = 64;
const ACCOUNTS = 60;
type XssWindow = Window & { __kamXss?: unknown; __xss?: unknown };
const w = window as XssWindow;

/** Fields that are keys, dates, enums or numbers-as-strings: the schema (not the renderer) guards them. */
const structural = /(^id$|Id$|Ids$|At$|Date$|^date$|^start$|^end$|^due|^kind$|^type$|^status$|^role$|^stage$|^band$|^tier$|^priority$|^channel$|^direction$|^outcome$|^currency$|^period$|^email$|^phone$|^website$|^url$)/;

/**
 * Puts payloads into every string field of a record that the schema still accepts with a payload in
 * it (nested objects and arrays included). `pick(n)` chooses the payload for the n-th field touched.
 */
function poisonRecord(kind: EntityKind, record: Record<string, unknown>, pick: (n: number) => string): number {
  let touched = 0;
  const visit = (obj: Record<string, unknown> | unknown[]): void => {
    for (const key of Object.keys(obj)) {
      const value = (obj as Record<string, unknown>)[key];
      if (typeof value === 'string') {
        if (!Array.isArray(obj) && structural.test(key)) continue;
        const payload = pick(touched);
        (obj as Record<string, unknown>)[key] = payload;
        if (parseEntity(kind, record).ok) touched++;
        else (obj as Record<string, unknown>)[key] = value;
      } else if (value && typeof value === 'object') {
        visit(value as Record<string, unknown>);
      }
    }
  };
  visit(record);
  return touched;
}

/** The sample book with payloads from `chunk` in every text field; stage and pipeline names get the whole chunk. */
function poisonedBook(chunk: string[], offset: number): { book: Book; fields: number } {
  const book = generateSampleBook({ seed: 11, accounts: ACCOUNTS, now: NOW, related: 0.4 });
  let fields = 0;
  let n = offset;
  for (const kind of Object.keys(book) as Array<keyof Book>) {
    if (kind === 'pipelines') continue;
    for (const record of book[kind] as unknown as Array<Record<string, unknown>>) {
      fields += poisonRecord(kind, record, () => chunk[n++ % chunk.length]);
    }
  }
  for (const [p, pipeline] of book.pipelines.entries()) {
    pipeline.name = chunk[(offset + p) % chunk.length];
    for (const [s, stage] of pipeline.stages.entries()) {
      // Every payload of the chunk lands in some stage name, several per name.
      stage.name = chunk.filter((_, i) => i % pipeline.stages.length === s).join(' ') || chunk[s % chunk.length];
      fields++;
    }
  }
  return { book, fields };
}

/** Every element under `root`, through open shadow roots, depth first. */
function* deepElements(root: Element | ShadowRoot): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deepElements(el.shadowRoot);
  }
}

const shadowed = (root: Element): Element[] => [...deepElements(root)].filter((el) => el.getRootNode() instanceof ShadowRoot);

function renderAll(store: Store, book: Book) {
  const account = book.accounts.find((a) => book.contacts.some((c) => c.accountId === a.id) && book.activities.some((x) => x.accountId === a.id)) ?? book.accounts[0];
  const opportunity = book.opportunities.find((o) => o.accountId === account.id) ?? book.opportunities[0];
  const pipelineId = book.pipelines[0].id;
  // Every kam-* element, each reading the poisoned store through the provider.
  return html`<kam-provider .store=${store}  style="display:block;width:1200px">
    <kam-account-list style="height:400px"></kam-account-list>
    <kam-account-360 account-id=${account.id}></kam-account-360>
    <kam-health-badge account-id=${account.id}></kam-health-badge>
    <kam-health-explainer account-id=${account.id}></kam-health-explainer>
    <kam-timeline account-id=${account.id} include-tickets include-orders></kam-timeline>
    <kam-stakeholder-map account-id=${account.id}></kam-stakeholder-map>
    <kam-alerts></kam-alerts>
    <kam-alerts account-id=${account.id}></kam-alerts>
    <kam-pipeline-board pipeline-id=${pipelineId}  style="height:500px"></kam-pipeline-board>
    <kam-stage-path opportunity-id=${opportunity.id}></kam-stage-path>
    <kam-dashboard ></kam-dashboard>
    <kam-funnel-chart></kam-funnel-chart>
    <kam-stage-duration-chart></kam-stage-duration-chart>
    <kam-forecast-chart></kam-forecast-chart>
    <kam-pareto-chart></kam-pareto-chart>
    <kam-concentration-chart></kam-concentration-chart>
    <kam-health-distribution-chart></kam-health-distribution-chart>
    <kam-retention-chart></kam-retention-chart>
    <kam-kpi-tile ></kam-kpi-tile>
  </kam-provider>`;
}

/**
 * The elements that take a currency code by attribute, each with a different payload as the code
 * (the records refuse non-ISO codes, so attributes are the only way in).
 */
function renderWithCurrency(store: Store, book: Book, codes: string[]) {
  const [provider, board, dashboard, tile] = codes;
  return html`<kam-provider .store=${store} currency=${provider} style="display:block;width:1200px">
    <kam-pipeline-board pipeline-id=${book.pipelines[0].id} currency=${board} style="height:400px"></kam-pipeline-board>
    <kam-dashboard currency=${dashboard}></kam-dashboard>
    <kam-kpi-tile currency=${tile}></kam-kpi-tile>
  </kam-provider>`;
}

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(() => r(null)));
  }
};

async function settleElements(host: Element) {
  await settle();
  for (const el of deepElements(host)) await (el as Partial<{ updateComplete: Promise<unknown> }>).updateComplete;
  await settle();
}

/** Focus, hover and open everything a user could: marks, rows, cards, tooltips, menus, dialogs. */
async function interact(host: Element) {
  const all = shadowed(host);
  for (const el of all) {
    if (!(el instanceof HTMLElement || el instanceof SVGElement)) continue;
    for (const type of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'pointermove']) {
      el.dispatchEvent(new PointerEvent(type, { bubbles: type.endsWith('over') || type === 'pointermove', composed: true, clientX: 5, clientY: 5 }));
    }
    if (el.matches('[tabindex], button, a, input, select, textarea, summary, [role=button], [role=row], [role=gridcell], [role=option], [role=img], [role=tab]')) {
      (el as HTMLElement).focus?.();
      el.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    }
  }
  await settleElements(host);
  // Openers: menus, disclosures, dialogs, what-if panels, details, "show more".
  const openers = shadowed(host).filter((el) => el.matches('[aria-haspopup], [aria-expanded="false"], summary, details > summary, [part~="menu-button"], [part~="open"], button[aria-controls]'));
  for (const el of openers.slice(0, 200)) {
    (el as HTMLElement).click();
  }
  await settleElements(host);
  for (const el of shadowed(host)) {
    if (el instanceof HTMLDialogElement && !el.open) {
      try { el.showModal(); el.close(); } catch { /* not connected or already modal elsewhere: fine */ }
    }
  }
  await settleElements(host);
}

interface Census { tags: Set<string>; onAttrs: string[]; urlAttrs: string[]; text: string }

function census(host: Element): Census {
  const tags = new Set<string>();
  const onAttrs: string[] = [];
  const urlAttrs: string[] = [];
  let text = '';
  for (const el of shadowed(host)) {
    tags.add(el.localName);
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) onAttrs.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 40)}">`);
      if (/^(href|src|xlink:href|action|formaction|srcdoc|data)$/i.test(attr.name) && /^\s*(javascript|data|vbscript):/i.test(attr.value)) {
        urlAttrs.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 40)}">`);
      }
    }
  }
  for (const el of deepElements(host)) if (el.shadowRoot) text += el.shadowRoot.textContent + '\n';
  return { tags, onAttrs, urlAttrs, text };
}

// Tags no kam-* template renders; any of them in a shadow root came from data.
const dangerous = new Set(['script', 'img', 'image', 'iframe', 'object', 'embed', 'frame', 'frameset', 'video', 'audio', 'source', 'link', 'meta', 'base', 'body', 'marquee', 'keygen', 'portal', 'math', 'mtext', 'form', 'animate', 'set', 'use', 'foreignobject', 'style-injected']);

describe('security: injection payloads in every text field of every element', function () {
  this.timeout(180_000);

  let cleanTags: Set<string>;

  before(async () => {
    expect(xssPayloads.length).to.be.greaterThan(100);
    // The tags the element templates produce, from a clean book with the same interactions.
    const book = generateSampleBook({ seed: 11, accounts: ACCOUNTS, now: NOW, related: 0.4 });
    const host = await fixture<HTMLElement>(renderAll(Store.fromBook(book, { now: () => new Date(NOW) }), book));
    await settleElements(host);
    await interact(host);
    cleanTags = census(host).tags;
    expect(cleanTags.size, 'the clean render produced the element templates').to.be.greaterThan(15);
  });

  it('the detector itself sees an executed payload and an injected element (so the checks below can fail)', async () => {
    const probe = await fixture<HTMLElement>(html`<div></div>`);
    const inner = probe.appendChild(document.createElement('div'));
    const root = inner.attachShadow({ mode: 'open' });
    root.innerHTML = xssPayloads.find((p) => p.startsWith('<img src=x onerror'))!; // deliberately unsafe, here only
    // The image's error fires once the dev server answers its 404: on a loaded host that can take
    // longer than any fixed pause, and a late fire would land in the next test's window.
    await waitUntil(() => w.__kamXss === 1, 'the probe payload ran', { timeout: 10_000 });
    const c = census(probe);
    expect(w.__kamXss).to.equal(1);
    expect(c.tags.has('img')).to.equal(true);
    expect(c.onAttrs.length).to.equal(1);
  });

  afterEach(() => {
    delete w.__kamXss;
    delete w.__xss;
  });

  for (let start = 0; start < xssPayloads.length; start += CHUNK) {
    const chunk = xssPayloads.slice(start, start + CHUNK);
    it(`payloads ${start + 1}–${start + chunk.length}: nothing runs, nothing is injected, the text shows as text`, async () => {
      const { book, fields } = poisonedBook(chunk, start);
      expect(fields, 'payloads were placed in many fields').to.be.greaterThan(1000);
      const store = Store.fromBook(book, { now: () => new Date(NOW) });
      const errors: unknown[] = [];
      const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
      window.addEventListener('error', onError);
      try {
        // One render, one settle and one round of interaction for both: the poisoned book in every
        // element, and the currency attributes (four payloads per chunk) beside it.
        const codes = [0, 1, 2, 3].map((i) => chunk[(i * 17) % chunk.length]);
        const both = await fixture<HTMLElement>(html`<div>${renderAll(store, book)}${renderWithCurrency(store, book, codes)}</div>`);
        const [host, currencyHost] = [...both.children] as HTMLElement[];
        await settleElements(both);
        await interact(both);
        await new Promise((r) => setTimeout(r, 50)); // let any onerror/onload from a stray <img>/<svg> fire

        expect(w.__kamXss, 'no payload executed').to.equal(undefined);
        for (const h of [host, currencyHost]) {
          const c = census(h);
          const injected = [...c.tags].filter((t) => dangerous.has(t) || !cleanTags.has(t));
          // A tag the clean render lacks is only allowed if it is not a known injection vector and the
          // templates legitimately produce it in another state (e.g. an error message paragraph).
          const suspicious = injected.filter((t) => dangerous.has(t) || /[^a-z0-9-]/.test(t) || t.includes(':'));
          expect(suspicious, `elements from data: ${injected.join(', ')}`).to.deep.equal([]);
          expect(c.onAttrs, 'event-handler attributes').to.deep.equal([]);
          expect(c.urlAttrs, 'script URLs in attributes').to.deep.equal([]);
        }
        // The payloads are shown, as text: names, subjects and stage names are visible verbatim.
        const text = census(host).text;
        const shown = chunk.filter((p) => text.includes(p));
        expect(shown.length, `payloads visible as text (${shown.length}/${chunk.length})`).to.be.greaterThan(chunk.length / 2);
        expect(errors.filter((e) => !String(e).includes('ResizeObserver')), 'no uncaught error').to.deep.equal([]);
      } finally {
        window.removeEventListener('error', onError);
      }
    });
  }
});
