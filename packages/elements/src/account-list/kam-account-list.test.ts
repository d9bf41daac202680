import { expect, fixture, html, oneEvent, nextFrame } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { Account, Store } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';
import '../provider/define.js';
import './define.js';
import type { KamAccountList, AccountColumn } from './kam-account-list.js';
import { keysLoader } from './keys-loader.js';
import { t } from './strings.js';
import { bookHealth } from '../shared/health.js';
import { sampleStore, injectionInert, SAMPLE_NOW } from '../../../../tests/fixtures/sample-store.js';
import { xssPayloads } from '../../../../tests/fixtures/xss-payloads.js';
import { halfWidthInChinese } from '../account-360/test-fixtures.js';
import { describeEl } from '../shared/test-wait.js';

const root = (el: KamAccountList) => el.shadowRoot!;
const grid = (el: KamAccountList) => root(el).querySelector<HTMLElement>('[part="grid"]')!;
const rows = (el: KamAccountList) => [...root(el).querySelectorAll<HTMLElement>('[part="row"]')];
const rowByIndex = (el: KamAccountList, i: number) => root(el).querySelector<HTMLElement>(`[data-index="${i}"]`);
const cellTexts = (row: Element) => [...row.querySelectorAll('[role="gridcell"]')].map((c) => (c.textContent ?? '').trim());
const summary = (el: KamAccountList) => (root(el).querySelector('[part="summary"]')?.textContent ?? '').trim();

function accounts(n: number, seed = 3): Account[] {
  return generateSampleBook({ seed, accounts: n, related: false, now: SAMPLE_NOW }).accounts;
}

async function settle(el: KamAccountList) {
  await el.updateComplete;
  await nextFrame();
  await el.updateComplete;
}

async function list(data: readonly Account[], extra: Partial<KamAccountList> = {}) {
  const el = await fixture<KamAccountList>(html`<kam-account-list style="height:420px" .accounts=${data}></kam-account-list>`);
  Object.assign(el, extra);
  await settle(el);
  return el;
}

async function inProvider(store: Store, lang = 'en') {
  const host = await fixture(html`<kam-provider hide-status .store=${store} locale=${lang}>
    <kam-account-list style="height:420px"></kam-account-list></kam-provider>`);
  const el = host.querySelector('kam-account-list') as KamAccountList;
  await settle(el);
  return el;
}


/**
 * Runs `test` with the keyboard chunk not fetched yet and held back until `arrive()`; `real`
 * fetches it. The loader and what it had fetched are put back afterwards.
 */
async function withKeysHeld(test: (arrive: () => void, real: typeof keysLoader.load) => Promise<void>): Promise<void> {
  const real = keysLoader.load;
  const had = keysLoader.loaded;
  let arrive!: () => void;
  const held = new Promise<void>((resolve) => { arrive = resolve; });
  try {
    keysLoader.loaded = keysLoader.loading = undefined;
    keysLoader.load = () => held.then(real);
    await test(arrive, real);
  } finally {
    keysLoader.load = real;
    keysLoader.loaded = had;
    keysLoader.loading = undefined;
  }
}

describe('<kam-account-list>', () => {
  // First in the file: the zh-CN table must still be on its way when the list first renders.
  it('names the health-band filter options in Chinese once the zh-CN table arrives after the first render', async () => {
    expect(t.ready('zh-CN'), 'the zh-CN table is already loaded: this test must run first').to.equal(false);
    const el = await inProvider(sampleStore(12), 'zh-CN');
    await t.load('zh-CN');
    await settle(el);
    const bands = [...root(el).querySelectorAll('select[data-dim="band"] option')].map((o) => o.textContent!.trim());
    expect(bands.length).to.be.greaterThan(1);
    expect(bands.slice(1).every((b) => /^(红色|黄色|绿色|蓝色|暂无评分)（\d+）$/.test(b)), bands.join(' ')).to.equal(true);
  });

  it('renders accounts from .accounts as an ARIA grid', async () => {
    const data = accounts(30);
    const el = await list(data);
    const g = grid(el);
    expect(g.getAttribute('role')).to.equal('grid');
    expect(g.getAttribute('aria-rowcount')).to.equal('31');
    const headers = [...root(el).querySelectorAll('[role="columnheader"]')].map((h) => h.textContent!.trim());
    expect(headers).to.deep.equal(['Account', 'Region', 'Industry', 'Tier', 'Owner', 'Health']);
    const first = rowByIndex(el, 0)!;
    expect(first.getAttribute('aria-rowindex')).to.equal('2');
    expect(cellTexts(first)[0]).to.equal(data[0].name);
    expect(cellTexts(first)[1]).to.equal(data[0].region ?? '—');
    expect(summary(el)).to.equal('30 accounts');
  });

  it('keeps DOM rows bounded with 100,000 accounts and scrolls to the last one', async function () {
    this.timeout(60_000);
    const regions = ['华东', '华南', '华北', 'EMEA', 'Americas'];
    const data: Account[] = Array.from({ length: 100_000 }, (_, i) => ({
      id: `acc-${i}`, name: `Account ${String(i).padStart(6, '0')} 有限公司`, region: regions[i % 5],
      industry: i % 3 ? 'Manufacturing' : 'Retail', tier: 'ABC'[i % 3], ownerId: `u${i % 40}`, tags: [], sourceIds: {},
    }));
    const el = await list(data);
    const g = grid(el);
    expect(g.getAttribute('aria-rowcount')).to.equal('100001');
    const bound = Math.ceil(420 / el.rowHeight) + 2 * 6 + 2;
    expect(rows(el).length).to.be.within(5, bound);
    // Filter options are counted after the rows are on screen.
    await new Promise((r) => setTimeout(r, 20));
    await settle(el);
    const regionOptions = [...root(el).querySelectorAll<HTMLOptionElement>('select[data-dim="region"] option')].map((o) => o.textContent!.trim());
    expect(regionOptions).to.have.length(6);
    expect(regionOptions).to.include('华东 (20,000)');
    g.scrollTop = g.scrollHeight;
    g.dispatchEvent(new Event('scroll'));
    await settle(el);
    expect(rows(el).length).to.be.within(5, bound);
    const last = rowByIndex(el, 99_999);
    expect(last, 'last row rendered').to.exist;
    expect(cellTexts(last!)[0]).to.equal(data[99_999].name);
    expect(last!.getAttribute('aria-rowindex')).to.equal('100001');
    // The last row is actually inside the visible part of the grid.
    const gr = g.getBoundingClientRect();
    const lr = last!.getBoundingClientRect();
    expect(lr.bottom).to.be.at.most(gr.bottom + 1);
    expect(lr.top).to.be.at.least(gr.top);
    // Scrolling half-way shows the rows of the middle.
    g.scrollTop = 50_000 * el.rowHeight;
    g.dispatchEvent(new Event('scroll'));
    await settle(el);
    expect(rowByIndex(el, 50_000)).to.exist;
    expect(rows(el).length).to.be.within(5, bound);
  });

  it('reaches every row past the browser height limit (300,000 rows, compressed scroll range)', async function () {
    this.timeout(60_000);
    const data: Account[] = Array.from({ length: 300_000 }, (_, i) => ({ id: `a${i}`, name: `Row ${i}`, tags: [], sourceIds: {} }));
    const el = await list(data, { hideToolbar: true });
    const g = grid(el);
    expect(g.scrollHeight).to.be.below(300_000 * el.rowHeight);
    for (const target of [299_999, 150_000, 0]) {
      el.scrollToIndex(target);
      g.dispatchEvent(new Event('scroll'));
      await settle(el);
      const row = rowByIndex(el, target)!;
      expect(cellTexts(row)[0]).to.equal(`Row ${target}`);
      const gr = g.getBoundingClientRect(), rr = row.getBoundingClientRect();
      expect(rr.top, `row ${target} in view`).to.be.at.least(gr.top - 1);
      expect(rr.bottom, `row ${target} in view`).to.be.at.most(gr.bottom + 1);
    }
    g.scrollTop = g.scrollHeight;
    g.dispatchEvent(new Event('scroll'));
    await settle(el);
    expect(cellTexts(rowByIndex(el, 299_999)!)[0]).to.equal('Row 299999');
    expect(rows(el).length).to.be.below(40);
  });

  it('scrolls 100,000 rows through a fixed set of row elements, each row in its place with its own text', async function () {
    this.timeout(60_000);
    const data: Account[] = Array.from({ length: 100_000 }, (_, i) => ({ id: `r${i}`, name: `Row ${i}`, region: i % 2 ? 'EMEA' : '华东', tags: [], sourceIds: {} }));
    const el = await list(data, { hideToolbar: true });
    // Hiding the toolbar grows the grid; let the resize observer report it before counting rows.
    await nextFrame();
    await settle(el);
    const g = grid(el);
    const head = (root(el).querySelector('.head') as HTMLElement).getBoundingClientRect();
    // What a user sees: the rows under the header, top to bottom, each with its own account.
    const seen = () => {
      const gr = g.getBoundingClientRect();
      return rows(el)
        .map((r) => ({ r, box: r.getBoundingClientRect(), i: Number(r.dataset.index) }))
        .filter(({ box }) => box.bottom > head.bottom + 1 && box.top < gr.bottom - 1)
        .sort((x, y) => x.box.top - y.box.top);
    };
    const checkView = (label: string) => {
      const shown = seen();
      expect(shown.length, `${label}: rows in view`).to.be.at.least(Math.floor((g.clientHeight - head.height) / el.rowHeight));
      shown.forEach(({ r, box, i }, k) => {
        // Consecutive rows, one row height apart, no gap and no overlap.
        expect(i, `${label}: row order`).to.equal(shown[0].i + k);
        expect(box.top - shown[0].box.top, `${label}: row ${i} position`).to.be.closeTo(k * el.rowHeight, 1);
        expect(cellTexts(r).slice(0, 2), `${label}: row ${i} text`).to.deep.equal([data[i].name, data[i].region]);
      });
    };
    checkView('top');
    const twelfth = rowByIndex(el, 12)!;
    // Scrolling a few rows keeps the rows still in view in the same elements, untouched.
    g.scrollTop = 10 * el.rowHeight;
    g.dispatchEvent(new Event('scroll'));
    await settle(el);
    checkView('10 rows down');
    expect(rowByIndex(el, 12) === twelfth, 'row 12 kept its element').to.equal(true);
    const pool = new Set(rows(el));
    // A fling (400 px a frame, as a fast wheel or touch fling does) reuses the same elements.
    for (let f = 0; f < 40; f++) {
      g.scrollTop += 400;
      await nextFrame();
    }
    await settle(el);
    checkView('after a fling');
    const fresh = rows(el).filter((r) => !pool.has(r)).map((r) => r.dataset.index);
    expect(fresh, `new row elements while scrolling (pool ${pool.size}, now ${rows(el).length})`).to.deep.equal([]);
    // The DOM order is the slots' order; assistive technology gets the rows in display order
    // through the row group's aria-owns (Chromium builds its accessibility tree from it).
    const owned = root(el).querySelector('.body')!.getAttribute('aria-owns')!.split(' ');
    const rendered = rows(el).map((r) => Number(r.dataset.index)).sort((x, y) => x - y);
    expect(rows(el).map((r) => Number(r.dataset.index)), 'DOM order is recycled').not.to.deep.equal(rendered);
    expect(owned).to.deep.equal(rendered.map((i) => `row-${i}`));
    // Replacing the accounts with edited copies shows the edits (formatted cells are not stale).
    const edited = data.map((a) => ({ ...a }));
    const i = seen()[2].i;
    edited[i] = { ...edited[i], name: 'Renamed 有限公司' };
    el.accounts = edited;
    await settle(el);
    expect(cellTexts(rowByIndex(el, i)!)[0]).to.equal('Renamed 有限公司');
  });

  it('keeps the active row, its id and the focus while its element is recycled', async function () {
    this.timeout(60_000);
    const data: Account[] = Array.from({ length: 100_000 }, (_, i) => ({ id: `r${i}`, name: `Row ${i}`, tags: [], sourceIds: {} }));
    const el = await list(data, { hideToolbar: true });
    const g = grid(el);
    g.focus();
    for (let k = 0; k < 3; k++) await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(g.getAttribute('aria-activedescendant')).to.equal('row-3');
    // Scroll far away with the wheel position, not the keys: the active row's slot now shows
    // other rows, but the active row stays in the DOM so aria-activedescendant resolves.
    g.scrollTop = 5_000 * el.rowHeight;
    g.dispatchEvent(new Event('scroll'));
    await settle(el);
    expect(root(el).activeElement === g, `focus stays on the grid, not ${describeEl(root(el).activeElement)}`).to.equal(true);
    const activeId = g.getAttribute('aria-activedescendant')!;
    expect(activeId).to.equal('row-3');
    const activeRow = root(el).getElementById(activeId)!;
    expect(activeRow, 'active row rendered').to.exist;
    expect(activeRow.classList.contains('active')).to.equal(true);
    expect(cellTexts(activeRow)[0]).to.equal('Row 3');
    expect(root(el).querySelectorAll('.row.active')).to.have.length(1);
    // Each row id is on exactly one element, so assistive technology finds the right row.
    const ids = rows(el).map((r) => r.id);
    expect(new Set(ids).size).to.equal(ids.length);
    // The next arrow moves on from row 3 and brings it back into view.
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(g.getAttribute('aria-activedescendant')).to.equal('row-4');
    const row4 = rowByIndex(el, 4)!;
    expect(cellTexts(row4)[0]).to.equal('Row 4');
    const gr = g.getBoundingClientRect(), rr = row4.getBoundingClientRect();
    expect(rr.top).to.be.at.least(gr.top - 1);
    expect(rr.bottom).to.be.at.most(gr.bottom + 1);
    expect(root(el).activeElement === g, `the focus stays on the grid, not ${describeEl(root(el).activeElement)}`).to.equal(true);
  });

  it('fills a tall list whose accounts arrive after the first render', async () => {
    // First render: nothing to list yet, so no grid; the grid that appears later is measured.
    const el = await fixture<KamAccountList>(html`<kam-account-list style="height:900px" .accounts=${[]}></kam-account-list>`);
    el.accounts = accounts(200);
    await settle(el);
    const head = root(el).querySelector<HTMLElement>('.head')!;
    const lastShown = Math.max(...rows(el).map((r) => Number(r.dataset.index)));
    expect((lastShown + 1) * el.rowHeight, 'rows reach the bottom of the grid').to.be.at.least(grid(el).clientHeight - head.offsetHeight);
  });

  it('stretches the filters to the line inside a narrow host', async () => {
    const el = await list(accounts(60));
    // Just under the 480 px where the toolbar switches to its narrow layout.
    el.style.width = '470px';
    await nextFrame();
    await settle(el);
    const bar = root(el).querySelector('[part="toolbar"]')!.getBoundingClientRect();
    const fields = [...root(el).querySelectorAll<HTMLElement>('label.field:not(.search)')];
    expect(fields.length).to.be.at.least(2);
    for (const f of fields) {
      const r = f.getBoundingClientRect(), s = f.querySelector('select')!.getBoundingClientRect();
      // At least 40% of the line (at most two to a line), wider than the fields' own content.
      expect(r.width, 'a field is stretched').to.be.within((bar.width - 16) * 0.4 - 1, bar.width);
      expect(s.right, 'its select fits').to.be.at.most(r.right + 0.5);
      expect(r.right, 'inside the toolbar').to.be.at.most(bar.right + 0.5);
    }
    // Wide again: the fields shrink to their content, several to a line.
    el.style.width = '900px';
    await nextFrame();
    await settle(el);
    const wide = root(el).querySelector('[part="toolbar"]')!.getBoundingClientRect();
    expect(fields[0].getBoundingClientRect().width).to.be.below(wide.width * 0.38);
  });

  it('sorts by clicking a header and with the keyboard, with aria-sort', async () => {
    const data = accounts(50);
    const el = await list(data);
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    const names = data.map((a) => a.name).sort(collator.compare);
    const nameHeader = root(el).querySelector('[role="columnheader"]')!;
    expect(nameHeader.getAttribute('aria-sort')).to.equal('none');
    // Scrolled down (say, to a selected account): the new order is shown from its first row.
    grid(el).scrollTop = 30 * el.rowHeight;
    grid(el).dispatchEvent(new Event('scroll'));
    await settle(el);
    (nameHeader.querySelector('button') as HTMLButtonElement).click();
    await settle(el);
    expect(nameHeader.getAttribute('aria-sort')).to.equal('ascending');
    expect(cellTexts(rowByIndex(el, 0)!)[0]).to.equal(names[0]);
    expect(grid(el).scrollTop, 'the sorted list from its first row').to.equal(0);
    // Keyboard: focus the header button, Enter toggles to descending.
    (nameHeader.querySelector('button') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(nameHeader.getAttribute('aria-sort')).to.equal('descending');
    expect(cellTexts(rowByIndex(el, 0)!)[0]).to.equal(names[names.length - 1]);
  });

  it('searches and filters region × tier with options from the data', async () => {
    const data = accounts(200);
    const el = await list(data);
    const selects = [...root(el).querySelectorAll<HTMLSelectElement>('select[part="filter"]')];
    expect(selects.map((s) => s.dataset.dim)).to.include.members(['region', 'industry', 'tier', 'owner']);
    const regionSelect = selects.find((s) => s.dataset.dim === 'region')!;
    const regions = [...new Set(data.map((a) => a.region).filter(Boolean))];
    expect(regionSelect.options.length).to.equal(regions.length + 1);
    const region = regions[0]!;
    const tierCount = new Map<string, number>();
    for (const a of data) if (a.region === region && a.tier) tierCount.set(a.tier, (tierCount.get(a.tier) ?? 0) + 1);
    const tier = [...tierCount.keys()][0];
    regionSelect.value = region;
    regionSelect.dispatchEvent(new Event('change'));
    await settle(el);
    const tierSelect = root(el).querySelector<HTMLSelectElement>('select[data-dim="tier"]')!;
    tierSelect.value = tier;
    tierSelect.dispatchEvent(new Event('change'));
    await settle(el);
    const expected = data.filter((a) => a.region === region && a.tier === tier);
    expect(el.shownCount).to.equal(expected.length);
    expect(summary(el)).to.equal(`${expected.length} of 200 accounts`);
    for (const r of rows(el)) expect(cellTexts(r)[1]).to.equal(region);
    // Search narrows further (debounced input).
    const needle = expected[0].name.slice(0, 4);
    const input = root(el).querySelector<HTMLInputElement>('input[part="search"]')!;
    input.focus();
    await sendKeys({ type: needle });
    await new Promise((r) => setTimeout(r, 250));
    await settle(el);
    const lower = needle.normalize('NFKC').toLowerCase();
    expect(el.shownCount).to.equal(expected.filter((a) => a.name.normalize('NFKC').toLowerCase().includes(lower) || (a.domain ?? '').toLowerCase().includes(lower) || (a.taxId ?? '').toLowerCase().includes(lower) || a.tags.some((t) => t.toLowerCase().includes(lower))).length);
    // Clear brings everything back.
    (root(el).querySelector('button[part="clear"]') as HTMLButtonElement).click();
    await settle(el);
    expect(el.shownCount).to.equal(200);
  });

  it('filters no match shows a message with a way out', async () => {
    const el = await list(accounts(20), { search: 'zzzz-no-such-account' });
    const state = root(el).querySelector('[part="state"]')!;
    expect(state.textContent).to.contain('No accounts match these filters.');
    const clear = state.querySelector('button') as HTMLButtonElement;
    clear.focus();
    clear.click();
    await settle(el);
    expect(el.shownCount).to.equal(20);
    // The button went away with the filters: focus is on the search box, not dropped to the page.
    const onSearch = () => root(el).activeElement === root(el).querySelector('input[part="search"]');
    expect(onSearch(), 'focus on the search box').to.equal(true);
    // The same from the toolbar's Clear filters.
    const region = root(el).querySelector<HTMLSelectElement>('select[data-dim="region"]')!;
    region.value = region.options[1].value;
    region.dispatchEvent(new Event('change'));
    await settle(el);
    const bar = root(el).querySelector<HTMLButtonElement>('[part="toolbar"] [part="clear"]')!;
    bar.focus();
    bar.click();
    await settle(el);
    expect(root(el).querySelector('[part="toolbar"] [part="clear"]')).to.equal(null);
    expect(onSearch(), 'focus on the search box').to.equal(true);
  });

  it('selects with click and Space, opens with Enter and double-click, moves with the keyboard', async () => {
    const data = accounts(300);
    const el = await list(data);
    const g = grid(el);
    // Click selects (single mode).
    let ev = oneEvent(el, 'kam-account-select');
    rowByIndex(el, 2)!.querySelector('[role="gridcell"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    let detail = (await ev).detail;
    expect(detail.ids).to.deep.equal([data[2].id]);
    expect(detail.accounts[0]).to.equal(data[2]);
    await settle(el);
    expect(rowByIndex(el, 2)!.getAttribute('aria-selected')).to.equal('true');
    expect(summary(el)).to.equal('300 accounts · 1 selected');
    // Keyboard: the grid holds focus, arrows move the active row.
    g.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(g.getAttribute('aria-activedescendant')).to.equal('row-3');
    ev = oneEvent(el, 'kam-account-select');
    await sendKeys({ press: 'Space' });
    expect((await ev).detail.ids).to.deep.equal([data[3].id]);
    let open = oneEvent(el, 'kam-account-open');
    await sendKeys({ press: 'Enter' });
    expect((await open).detail).to.deep.equal({ id: data[3].id, account: data[3] });
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(g.getAttribute('aria-activedescendant')).to.equal('row-299');
    expect(rowByIndex(el, 299)).to.exist;
    await sendKeys({ press: 'Home' });
    await settle(el);
    expect(g.getAttribute('aria-activedescendant')).to.equal('row-0');
    await sendKeys({ press: 'PageDown' });
    await settle(el);
    const page = Math.floor((g.clientHeight - (root(el).querySelector('.head') as HTMLElement).offsetHeight) / el.rowHeight) - 1;
    expect(g.getAttribute('aria-activedescendant')).to.equal(`row-${page}`);
    await sendKeys({ press: 'PageUp' });
    await settle(el);
    expect(g.getAttribute('aria-activedescendant')).to.equal('row-0');
    open = oneEvent(el, 'kam-account-open');
    rowByIndex(el, 1)!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    expect((await open).detail.id).to.equal(data[1].id);
  });

  it('acts on keys pressed before its keyboard code arrives, and says so when that code cannot be fetched', async () => {
    await withKeysHeld(async (arrive, real) => {
      // A slow fetch: keys pressed meanwhile keep the page still and act, in order, once it is here.
      const el = await list(accounts(40));
      const g = grid(el);
      g.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      const ev = oneEvent(el, 'kam-account-select');
      await sendKeys({ press: 'Space' });
      expect(g.getAttribute('aria-activedescendant')).to.equal('row-0');
      expect(g.scrollTop).to.equal(0);
      arrive();
      expect((await ev).detail.ids).to.deep.equal([el.visibleAccounts[2].id]);
      await settle(el);
      expect(g.getAttribute('aria-activedescendant')).to.equal('row-2');
      // A failed fetch: the list says so (en, zh-CN), and the next key tries again.
      keysLoader.loaded = keysLoader.loading = undefined;
      keysLoader.load = () => Promise.reject(new Error('offline'));
      await sendKeys({ press: 'ArrowDown' });
      await settle(el);
      const alert = () => root(el).querySelector('[role="alert"]');
      expect(alert()?.textContent).to.equal('Selecting, sorting and filtering accounts is not available right now (offline). Try again.');
      expect(g.getAttribute('aria-activedescendant')).to.equal('row-2');
      await expect(el).to.be.accessible();
      el.locale = 'zh-CN';
      rowByIndex(el, 4)!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      await settle(el);
      expect(alert()?.textContent).to.equal('暂时无法选择、排序和筛选客户（offline）。请重试。'); // full-width brackets
      keysLoader.load = real;
      await sendKeys({ press: 'ArrowDown' });
      await settle(el);
      expect(alert()).to.equal(null);
      expect(g.getAttribute('aria-activedescendant')).to.equal('row-3');
    });
  });

  it('drops keys pressed before its keyboard code arrives once focus has left the grid', async () => {
    await withKeysHeld(async (arrive) => {
      const el = await list(accounts(40));
      const g = grid(el);
      g.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      let opened = false;
      el.addEventListener('kam-account-open', () => { opened = true; });
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement !== g, 'Tab leaves the grid').to.equal(true);
      arrive();
      await settle(el);
      expect(g.getAttribute('aria-activedescendant'), 'the row stays where the user left it').to.equal('row-0');
      expect(opened, 'nothing is opened behind the user').to.equal(false);
    });
  });

  it('fetches its keyboard code ahead when focus or the pointer reaches it, before any key', async () => {
    await withKeysHeld(async (arrive, real) => {
      let fetched = 0;
      keysLoader.load = () => { fetched++; return real(); };
      const el = await list(accounts(10));
      expect(fetched, 'not fetched for a list nobody has reached').to.equal(0);
      grid(el).focus();
      expect(fetched).to.equal(1);
      await keysLoader.loading;
      expect(keysLoader.loaded, 'here before the first key').to.not.equal(undefined);
      // A pointer on another list: already here, not fetched again.
      const other = await list(accounts(3));
      grid(other).dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      expect(fetched).to.equal(1);
      arrive();
    });
  });

  it('preselects rows from a plain HTML selected-ids attribute (spaces or commas), and follows it when it changes', async () => {
    const store = sampleStore(30);
    const [a, b, c] = store.all('accounts').slice(3, 6).map((x) => x.id);
    const host = await fixture(html`<kam-provider hide-status .store=${store}>
      <kam-account-list style="height:420px" selection="multi" selected-ids="${a}, ${b}"></kam-account-list></kam-provider>`);
    const el = host.querySelector('kam-account-list') as KamAccountList;
    await settle(el);
    expect(el.selectedIds).to.deep.equal([a, b]);
    const selected = () => rows(el).filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => el.visibleAccounts[+r.dataset.index!].id);
    expect(selected()).to.have.members([a, b]);
    expect(summary(el)).to.contain('2 selected');
    el.setAttribute('selected-ids', ` ${c}  ${a} `);
    await settle(el);
    expect(el.selectedIds).to.deep.equal([c, a]);
    expect(selected()).to.have.members([a, c]);
    el.setAttribute('selected-ids', '');
    await settle(el);
    expect(selected()).to.deep.equal([]);
    el.removeAttribute('selected-ids');
    await settle(el);
    expect(el.selectedIds).to.deep.equal([]);
  });

  it('keeps one preselected row in single selection and none with selection="none"', async () => {
    const store = sampleStore(30);
    const [a, b] = store.all('accounts').slice(3, 5).map((x) => x.id);
    const host = await fixture(html`<kam-provider hide-status .store=${store}>
      <kam-account-list style="height:420px" selected-ids="${a} ${b}"></kam-account-list></kam-provider>`);
    const el = host.querySelector('kam-account-list') as KamAccountList;
    await settle(el);
    const selected = () => rows(el).filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => el.visibleAccounts[+r.dataset.index!].id);
    expect(el.selectedIds).to.deep.equal([a]);
    expect(selected()).to.deep.equal([a]);
    expect(summary(el)).to.contain('1 selected');
    el.selection = 'none';
    el.selectedIds = [a, b];
    await settle(el);
    expect(el.selectedIds).to.deep.equal([]);
    expect(summary(el)).not.to.contain('selected');
  });

  it('multi-selects with Space, Ctrl+click and Shift+arrows', async () => {
    const data = accounts(40);
    const el = await list(data, { selection: 'multi' });
    const g = grid(el);
    expect(g.getAttribute('aria-multiselectable')).to.equal('true');
    g.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    const ev = oneEvent(el, 'kam-account-select');
    await sendKeys({ press: 'Space' });
    expect((await ev).detail.ids).to.deep.equal([data[0].id, data[2].id]);
    const ev2 = oneEvent(el, 'kam-account-select');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ up: 'Shift' });
    expect((await ev2).detail.ids).to.deep.equal([data[0].id, data[2].id, data[3].id]);
    await settle(el);
    const ev3 = oneEvent(el, 'kam-account-select');
    rowByIndex(el, 5)!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, ctrlKey: true }));
    expect((await ev3).detail.ids).to.have.length(4);
    await settle(el);
    expect(rows(el).filter((r) => r.getAttribute('aria-selected') === 'true')).to.have.length(4);
  });

  it('lists the provider store with health, and stays live', async () => {
    const store = sampleStore(60);
    const el = await inProvider(store);
    expect(grid(el).getAttribute('aria-rowcount')).to.equal('61');
    // Health column: badges carrying the store's scores.
    const health = bookHealth(store);
    const first = rowByIndex(el, 0)!;
    const id = el.visibleAccounts[0].id;
    const badge = first.querySelector('kam-health-badge') as HTMLElement & { label: string };
    expect(badge).to.exist;
    expect(badge.label).to.equal(`Health ${Math.round(health.get(id)!.score)} of 100, ${health.get(id)!.band.tone}`);
    // Band filter options come from the scores.
    const bandSelect = root(el).querySelector<HTMLSelectElement>('select[data-dim="band"]')!;
    const tones = new Set([...health.values()].map((r) => r.band.tone));
    expect(bandSelect.options.length).to.equal(tones.size + 1);
    // Owner names come from the store's users.
    const owner = store.get('users', el.visibleAccounts[0].ownerId!);
    if (owner) expect(cellTexts(first)[4]).to.equal(owner.name);
    // Live: rename and add.
    await store.update('accounts', id, { name: 'Renamed Ltd' });
    await settle(el);
    expect(cellTexts(rowByIndex(el, 0)!)[0]).to.equal('Renamed Ltd');
    await store.create('accounts', { id: 'acc-new', name: 'Brand New Co.', tags: [], sourceIds: {} });
    await settle(el);
    expect(grid(el).getAttribute('aria-rowcount')).to.equal('62');
  });

  it('sorts by health, filters by band and formats configured columns', async () => {
    const data = accounts(25);
    const health = new Map(data.map((a, i) => [a.id, { score: (i * 37) % 100, band: (i * 37) % 100 < 50 ? 'red' : (i * 37) % 100 < 75 ? 'yellow' : 'green' }]));
    const columns: AccountColumn[] = [
      { key: 'name', label: 'Name' },
      { key: 'annualRevenue', format: 'money' },
      { key: 'employees', label: 'Staff', format: 'number' },
      { key: 'createdAt', label: 'Since', format: 'date', value: () => '2024-03-05' },
      { key: 'health', format: 'health' },
      { key: 'tagCount', label: 'Tags', value: (a) => a.tags.length, format: 'number', sortable: false },
      { key: 'segment', value: 'custom.segment' },
    ];
    const el = await list(data, { health, columns, sortKey: 'health', sortDir: 'desc' });
    const top = el.visibleAccounts.slice(0, 3).map((a) => health.get(a.id)!.score);
    expect(top).to.deep.equal([...top].sort((a, b) => b - a));
    expect(top[0]).to.equal(Math.max(...[...health.values()].map((h) => h.score)));
    const row = rowByIndex(el, 0)!;
    const a = el.visibleAccounts[0];
    const cells = cellTexts(row);
    expect(cells[1]).to.equal(a.annualRevenue ? new Intl.NumberFormat('en', { style: 'currency', currency: a.annualRevenue.currency, maximumFractionDigits: 0 }).format(a.annualRevenue.amount) : '—');
    expect(cells[3]).to.equal('Mar 5, 2024');
    // Known keys get the built-in label, an unknown key without a label shows the key.
    const headers = [...root(el).querySelectorAll('[role="columnheader"]')].map((h) => (h.textContent ?? '').replace(/[▲▼]/g, '').trim());
    expect(headers).to.deep.equal(['Name', 'Annual revenue', 'Staff', 'Since', 'Health', 'Tags', 'segment']);
    const tagsHeader = [...root(el).querySelectorAll('[role="columnheader"]')][5];
    expect(tagsHeader.querySelector('button')).to.equal(null);
    el.filters = { band: ['red'] };
    await settle(el);
    expect(el.visibleAccounts.every((x) => health.get(x.id)!.band === 'red')).to.equal(true);
    expect(el.shownCount).to.equal([...health.values()].filter((h) => h.band === 'red').length);
  });

  it('speaks Simplified Chinese', async () => {
    const store = sampleStore(12);
    const el = await inProvider(store, 'zh-CN');
    const headers = [...root(el).querySelectorAll('[role="columnheader"]')].map((h) => h.textContent!.trim());
    expect(headers).to.deep.equal(['客户', '区域', '行业', '级别', '负责人', '健康度']);
    expect(summary(el)).to.equal('共 12 个客户');
    expect(grid(el).getAttribute('aria-label')).to.equal('客户列表');
    // A search that keeps some: the count with a full-width comma, the filter options' counts in
    // full-width brackets ('华东（5）'), as Chinese text is set.
    el.search = el.visibleAccounts[0].name;
    await settle(el);
    expect(summary(el)).to.match(/^共 12 个客户，显示 \d+ 个$/);
    expect(root(el).querySelector('select[data-dim="region"] option:nth-child(2)')!.textContent).to.match(/^\S+（\d+）$/);
    expect(halfWidthInChinese(el)).to.deep.equal([]);
  });

  it('shows loading, empty and error states instead of a blank box', async () => {
    const empty = await list([]);
    expect(root(empty).querySelector('[part="state"]')!.textContent!.trim()).to.equal('No accounts yet.');
    const store = sampleStore(3);
    const loading = { ...store, status: 'loading', subscribe: store.subscribe.bind(store), onProgress: store.onProgress.bind(store), onWrite: store.onWrite.bind(store) } as unknown as Store;
    const el1 = await inProvider(loading);
    expect(root(el1).querySelector('[part="state"]')!.textContent!.trim()).to.equal('Loading accounts…');
    const failed = { ...store, status: 'error', error: new Error('HTTP 503 from CRM'), subscribe: store.subscribe.bind(store), onProgress: store.onProgress.bind(store), onWrite: store.onWrite.bind(store) } as unknown as Store;
    const el2 = await inProvider(failed);
    const alert = root(el2).querySelector('[role="alert"]')!;
    expect(alert.querySelector('.msg')!.textContent!.trim()).to.equal('Could not show accounts: HTTP 503 from CRM');
    const retried = oneEvent(el2, 'kam-retry');
    (alert.querySelector('[part~="retry"]') as HTMLButtonElement).click();
    expect((await retried).detail.source).to.equal('kam-account-list');
    // A column whose value function throws shows an error state, not an exception on the page.
    const bad = await list(accounts(5), { sortKey: 'boom', columns: [{ key: 'name' }, { key: 'boom', value: () => { throw new Error('bad column'); } }] });
    expect(root(bad).querySelector('[role="alert"]')!.textContent).to.contain('bad column');
  });

  it('passes axe in light and dark', async () => {
    const store = sampleStore(20);
    const light = await inProvider(store);
    await expect(light).to.be.accessible();
    const dark = await fixture<KamAccountList>(html`<div style="background:#0d1117"><kam-account-list theme="dark" style="height:300px" .accounts=${accounts(20)}></kam-account-list></div>`);
    await settle(dark.firstElementChild as KamAccountList);
    await expect(dark).to.be.accessible();
  });

  it('scrolls the first selected account into view at first render, once, and then leaves the scrolling to the user', async () => {
    const data = accounts(2000);
    const inView = (el: KamAccountList, i: number) => {
      const row = rowByIndex(el, i), gr = grid(el).getBoundingClientRect();
      const head = root(el).querySelector<HTMLElement>('.head')!.getBoundingClientRect();
      const rr = row?.getBoundingClientRect();
      return !!rr && rr.top >= head.bottom - 1 && rr.bottom <= gr.bottom + 1;
    };
    // Selected before mount, far down the list: the user sees it (and it is the active row).
    const el = await fixture<KamAccountList>(html`<kam-account-list style="height:420px" selection="multi" .accounts=${data} .selectedIds=${[data[1500].id, data[40].id]}></kam-account-list>`);
    await settle(el);
    expect(inView(el, 40), 'the first selected row in display order is in view').to.equal(true);
    expect(grid(el).getAttribute('aria-activedescendant')).to.equal('row-40');
    expect(rowByIndex(el, 40)!.getAttribute('aria-selected')).to.equal('true');
    // The user scrolls back to the top: later renders (new data, a new selection) leave it there.
    grid(el).scrollTop = 0;
    grid(el).dispatchEvent(new Event('scroll'));
    await settle(el);
    el.accounts = data.map((a) => ({ ...a }));
    el.selectedIds = [data[1800].id];
    await settle(el);
    expect(grid(el).scrollTop, 'no scrolling behind the user').to.equal(0);
    expect(inView(el, 0)).to.equal(true);
    // Accounts that arrive after the first render (a store still loading), sorted: the selected
    // row is found in display order once there is a grid to show it in.
    const late = await fixture<KamAccountList>(html`<kam-account-list style="height:420px" .accounts=${[]} .selectedIds=${[data[7].id]} sort-key="name" sort-dir="desc"></kam-account-list>`);
    await settle(late);
    late.accounts = data;
    await settle(late);
    const at = late.visibleAccounts.findIndex((a) => a.id === data[7].id);
    expect(at).to.be.above(20);
    expect(inView(late, at), `row ${at} in view`).to.equal(true);
    expect(grid(late).getAttribute('aria-activedescendant')).to.equal(`row-${at}`);
  });

  it('keeps the name and health in view at 390 px: lower-priority columns give way and their values stay with the name', async () => {
    const data = accounts(300);
    const wrap = await fixture<HTMLElement>(html`<div style="width:390px"><kam-account-list style="height:420px" .accounts=${data} .selectedIds=${[data[0].id]}></kam-account-list></div>`);
    const el = wrap.firstElementChild as KamAccountList;
    await settle(el);
    await nextFrame();
    await settle(el);
    const g = grid(el);
    const headers = () => [...root(el).querySelectorAll('[role="columnheader"]')].map((h) => h.textContent!.trim());
    expect(g.scrollWidth, 'no sideways scrolling').to.be.at.most(g.clientWidth + 1);
    const shown = headers();
    expect(shown[0]).to.equal('Account');
    expect(shown[shown.length - 1]).to.equal('Health');
    expect(shown.length).to.be.below(6);
    expect(g.getAttribute('aria-colcount')).to.equal(String(shown.length));
    const row = rowByIndex(el, 0)!;
    const cells = [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')];
    expect(cells).to.have.length(shown.length);
    const gr = g.getBoundingClientRect();
    expect(cells[cells.length - 1].getBoundingClientRect().right, 'health cell in view').to.be.at.most(gr.right + 1);
    // What gave way is still there, read with the account's name (labelled for a screen reader).
    const a = data[0];
    const first = cells[0].textContent!.replace(/\s+/g, ' ');
    expect(first).to.contain(a.name);
    if (!shown.includes('Region')) expect(first).to.contain(`Region: ${a.region ?? '—'}`);
    if (!shown.includes('Industry')) expect(first).to.contain(`Industry: ${a.industry ?? '—'}`);
    // Rows keep their fixed height (the virtual scrolling depends on it), the two lines inside it.
    expect(rowByIndex(el, 1)!.getBoundingClientRect().top - row.getBoundingClientRect().top).to.be.closeTo(el.rowHeight, 0.5);
    expect(cells[0].scrollHeight, 'both lines fit the row').to.be.at.most(el.rowHeight);
    await expect(el).to.be.accessible();
    // Wide again: every column, no second line.
    wrap.style.width = '1000px';
    await nextFrame();
    await settle(el);
    expect(headers()).to.deep.equal(['Account', 'Region', 'Industry', 'Tier', 'Owner', 'Health']);
    expect(cellTexts(rowByIndex(el, 0)!)[0]).to.equal(a.name);
  });

  it('marks selected rows with a shape in forced colours, not only an outline the focused row covers', async () => {
    // (web-test-runner's emulateMedia cannot turn forced colours on under puppeteer: the rule is
    // read from the element's own styles and applied to a selected row by hand.)
    const el = await list(accounts(5), { selectedIds: [] });
    const rules = [...el.shadowRoot!.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules]);
    const forced = rules.filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText.includes('forced-colors: active'));
    const selected = forced.flatMap((m) => [...m.cssRules]).find((r): r is CSSStyleRule => r instanceof CSSStyleRule && r.selectorText.includes("aria-selected"))!;
    const row = rowByIndex(el, 0)!;
    row.style.cssText += selected.style.cssText;
    expect(parseFloat(getComputedStyle(row).borderInlineStartWidth), 'a bar at the row start').to.be.at.least(4);
    expect(selected.style.outlineStyle || 'none', 'not an outline (the focused row draws one)').to.equal('none');
  });

  it('renders injected CRM text inert', async () => {
    const data = xssPayloads.slice(0, 60).map((p, i) => ({ id: `x${i}`, name: p, region: p, industry: p, tier: p, ownerId: p, tags: [p], sourceIds: {} })) as Account[];
    const el = await list(data);
    el.style.height = '3000px';
    await settle(el);
    expect(rows(el).length).to.be.greaterThan(20);
    expect(cellTexts(rowByIndex(el, 0)!)[0]).to.equal(xssPayloads[0]);
    expect(injectionInert(el)).to.equal(true);
    const opts = [...root(el).querySelectorAll('option')].map((o) => o.textContent);
    expect(opts.some((o) => o?.includes('<script>'))).to.equal(true);
    await sendMouse({ type: 'move', position: [10, 10] });
    expect(injectionInert(el)).to.equal(true);
  });
});
