import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Activity, Contact, Order, Ticket } from '@kamkit/core';
import './define.js';
import type { KamTimeline } from './kam-timeline.js';
import { sampleBook, XSS, injectedElements } from '../account-360/test-fixtures.js';
import { makeStore, provide } from '../account-360/test-store.js';
import { xssPayloads } from '../../../../tests/fixtures/xss-payloads.js';
import { describeEl, until } from '../shared/test-wait.js';

const book = sampleBook();
const acts = () => book.activities!.filter((a) => a.accountId === 'acc-1') as Activity[];
const contacts = () => book.contacts as Contact[];
const ids = (el: KamTimeline) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.entry')].map((e) => e.dataset.id);
const chip = (el: KamTimeline, c: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`.chip[data-channel="${c}"]`)!;
const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

function many(n: number, accountId = 'acc-1'): Activity[] {
  const types = ['visit', 'call', 'email', 'meeting'] as const;
  return Array.from({ length: n }, (_, i) => ({
    id: `m${i}`, accountId, type: types[i % 4], subject: `Touch ${i}`, sourceIds: {},
    occurredAt: new Date(Date.UTC(2026, 10, 23, 12) - i * 3_600_000 * 7).toISOString(),
  }));
}

describe('<kam-timeline>', () => {
  afterEach(() => { delete (window as unknown as Record<string, unknown>).__kamXss; });

  it('renders activities from properties newest first, grouped by day, with contacts named', async () => {
    const el = await fixture<KamTimeline>(html`<kam-timeline time-zone="UTC" .activities=${acts()} .contacts=${contacts()}></kam-timeline>`);
    expect(ids(el)).to.deep.equal(['a1', 'a2', 'a3', 'a4', 'a5']);
    const days = el.shadowRoot!.querySelectorAll('.day');
    expect(days.length).to.equal(4); // 23 Nov, 22 Nov (two), 20 Sep, 10 May
    expect(days[1].querySelectorAll('.entry').length).to.equal(2);
    expect(el.shadowRoot!.querySelector('.entry[data-id="a1"]')!.textContent).to.contain('Chen Jie').and.contain('Plant walk-through');
    expect(el.shadowRoot!.querySelector('.entry[data-id="a2"]')!.textContent).to.contain('outbound');
  });

  it('filters by channel chips and by contact, and clears filters', async () => {
    const el = await fixture<KamTimeline>(html`<kam-timeline .activities=${acts()} .contacts=${contacts()}></kam-timeline>`);
    chip(el, 'call').click();
    await el.updateComplete;
    expect(chip(el, 'call').getAttribute('aria-pressed')).to.equal('true');
    expect(ids(el)).to.deep.equal(['a2']);
    chip(el, 'email').click();
    await el.updateComplete;
    expect(ids(el)).to.deep.equal(['a2', 'a3']);
    chip(el, 'call').click(); chip(el, 'email').click();
    await el.updateComplete;
    const select = el.shadowRoot!.querySelector('select')!;
    select.value = 'c3';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(ids(el)).to.deep.equal(['a1', 'a3']);
    chip(el, 'call').click();
    await el.updateComplete;
    expect(ids(el)).to.deep.equal([]);
    expect(el.shadowRoot!.textContent).to.contain('No activities match');
    const clear = el.shadowRoot!.querySelector<HTMLButtonElement>('.state .link')!;
    clear.focus();
    clear.click();
    await el.updateComplete;
    expect(ids(el).length).to.equal(5);
    // the button is gone: focus is on the chips' tab stop, not dropped to the page
    await el.updateComplete;
    const focused = el.shadowRoot!.activeElement as HTMLElement | null;
    expect(focused?.dataset.channel).to.equal(el.shadowRoot!.querySelector<HTMLElement>('.chip[tabindex="0"]')!.dataset.channel);
  });

  it('draws its controls as bordered targets at least 32 px tall: pill chips, the contact select, Show more', async () => {
    const el = await fixture<KamTimeline>(html`<kam-timeline page-size="2" .activities=${acts()} .contacts=${contacts()}></kam-timeline>`);
    const controls = ['.chip', 'select', '.more'].map((sel) => el.shadowRoot!.querySelector<HTMLElement>(sel)!);
    for (const c of controls) {
      const style = getComputedStyle(c);
      expect(c.getBoundingClientRect().height, c.className || c.localName).to.be.at.least(32);
      expect(style.borderTopStyle, c.className || c.localName).to.equal('solid');
    }
    const [chipEl, select, more] = controls.map((c) => getComputedStyle(c));
    expect(parseFloat(chipEl.borderTopLeftRadius)).to.be.greaterThan(parseFloat(select.borderTopLeftRadius));
    expect(more.color).to.not.equal(select.color); // Show more reads as an action, in the accent colour
    // chips stand in a fixed channel order, whatever order the touch points come in
    el.activities = many(8).reverse();
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll<HTMLElement>('.chip')].map((c) => c.dataset.channel)).to.deep.equal(['visit', 'call', 'meeting', 'email']);
  });

  it('heads each day with how long ago it was, in the element\'s time zone', async () => {
    const ago = (days: number, id: string): Activity => ({ id, accountId: 'acc-1', type: 'call', subject: id, sourceIds: {}, occurredAt: new Date(Date.now() - days * 86_400_000).toISOString() });
    const list = [ago(0, 'd0'), ago(1, 'd1'), ago(3, 'd3'), ago(60, 'd60')];
    const el = await fixture<KamTimeline>(html`<kam-timeline time-zone="UTC" .activities=${list}></kam-timeline>`);
    const heads = () => [...el.shadowRoot!.querySelectorAll('.day .rel')].map((h) => h.textContent);
    expect(heads()).to.deep.equal(['today', 'yesterday', '3 days ago', '2 months ago']);
    el.locale = 'zh-CN';
    await el.updateComplete;
    // a space between digits and Chinese, as every table writes "{count} 个" (Intl gives "3天前")
    expect(heads()).to.deep.equal(['今天', '昨天', '3 天前', '2 个月前']);
  });

  it('moves between channel chips with arrow keys (one tab stop) and toggles with the keyboard', async () => {
    const el = await fixture<KamTimeline>(html`<kam-timeline .activities=${acts()}></kam-timeline>`);
    const chips = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.chip')];
    expect(chips.filter((c) => c.tabIndex === 0).length).to.equal(1);
    chips[0].focus();
    chips[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    expect(el.shadowRoot!.activeElement === chips[1], `ArrowRight: focus on the second chip, not ${describeEl(el.shadowRoot!.activeElement)}`).to.equal(true);
    chips[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    expect(el.shadowRoot!.activeElement === chips[chips.length - 1], `End: focus on the last chip, not ${describeEl(el.shadowRoot!.activeElement)}`).to.equal(true);
    await el.updateComplete;
    expect(chips[chips.length - 1].tabIndex).to.equal(0);
    expect(chips[0].tabIndex).to.equal(-1);
  });

  it('groups days and shows times in the given time zone', async () => {
    const late: Activity = { id: 'night', accountId: 'acc-1', type: 'email', subject: 'Late email', occurredAt: '2026-11-22T20:00:00Z', sourceIds: {} };
    const el = await fixture<KamTimeline>(html`<kam-timeline time-zone="UTC" .activities=${[...acts(), late]}></kam-timeline>`);
    const dayOf = (id: string) => el.shadowRoot!.querySelector(`.entry[data-id="${id}"]`)!.closest('.day')!;
    expect(dayOf('night')).to.equal(dayOf('a2')); // 22 Nov in UTC
    expect(el.shadowRoot!.querySelector('.entry[data-id="night"] time')!.textContent).to.equal('8:00 PM');
    el.timeZone = 'Asia/Shanghai';
    await el.updateComplete;
    expect(dayOf('night')).to.equal(dayOf('a1')); // 04:00 on 23 Nov in Shanghai
    expect(el.shadowRoot!.querySelector('.entry[data-id="night"] time')!.textContent).to.equal('4:00 AM');
    expect(dayOf('night').querySelector('h4')!.textContent).to.contain('Monday, November 23, 2026');
  });

  it('emits kam-activity-open with the record', async () => {
    const el = await fixture<KamTimeline>(html`<kam-timeline .activities=${acts()}></kam-timeline>`);
    const opened = oneEvent(el, 'kam-activity-open');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.entry[data-id="a3"]')!.click();
    const ev = await opened;
    expect(ev.detail.kind).to.equal('activity');
    expect(ev.detail.id).to.equal('a3');
    expect((ev.detail.record as Activity).subject).to.equal('Sent retrofit proposal');
    expect(ev.composed).to.equal(true);
  });

  it('shows tickets and orders as events when given', async () => {
    const el = await fixture<KamTimeline>(html`<kam-timeline .activities=${acts()}
      .tickets=${book.tickets as Ticket[]} .orders=${book.orders!.filter((o) => o.accountId === 'acc-1') as Order[]}></kam-timeline>`);
    expect(chip(el, 'ticket')).to.exist;
    expect(chip(el, 'order')).to.exist;
    chip(el, 'ticket').click();
    await el.updateComplete;
    expect(ids(el)).to.deep.equal(['t1', 't2']);
    expect(el.shadowRoot!.querySelector('.entry[data-id="t1"]')!.textContent).to.contain('high').and.contain('open');
  });

  it('reveals pages as the sentinel scrolls into view, then asks the host for more', async () => {
    const el = await fixture<KamTimeline>(html`<div style="height:300px;overflow:auto"><kam-timeline page-size="10" .activities=${many(25)}></kam-timeline></div>`)
      .then((d) => d.querySelector('kam-timeline')!);
    await frame();
    const before = ids(el).length;
    expect(before).to.be.at.least(10).and.below(25);
    let asked: { offset: number; pageSize: number } | undefined;
    el.addEventListener('kam-timeline-load-more', (e) => { asked = e.detail; });
    const scroller = el.parentElement!;
    // Scrolled to the end until the sentinel's IntersectionObserver (its callback a task after a
    // frame, later on a busy machine) has revealed every page: polled, bounded, not a count of frames.
    const scrolledUntil = (ok: () => boolean, what: string) => until(() => { scroller.scrollTop = scroller.scrollHeight; return ok(); }, what, () => `${ids(el).length} entries shown, asked ${JSON.stringify(asked)}`);
    await scrolledUntil(() => ids(el).length >= 25, 'all 25 entries revealed');
    expect(ids(el).length).to.equal(25);
    await scrolledUntil(() => !!asked, 'the host asked for more');
    expect(asked).to.deep.equal({ offset: 25, pageSize: 10 });
    el.activities = [...el.activities!, ...many(30).slice(25)];
    await el.updateComplete;
    el.complete = true;
    await scrolledUntil(() => ids(el).length >= 30, 'the 5 new entries revealed');
    expect(ids(el).length).to.equal(30);
  });

  it('announces how many touch points match when the filters change, not each page scrolling reveals', async () => {
    const el = await fixture<KamTimeline>(html`<kam-timeline page-size="10" .activities=${many(1000)}></kam-timeline>`);
    const big = await fixture<KamTimeline>(html`<kam-timeline page-size="10" .activities=${many(4000)}></kam-timeline>`);
    expect(chip(big, 'visit').querySelector('.count')!.textContent).to.equal('1,000');
    const live = () => el.shadowRoot!.querySelector('[aria-live]')!.textContent!.trim();
    expect(live()).to.equal('Touch points: 1,000'); // Intl's grouping, as on the chips
    expect(chip(el, 'call').querySelector('.count')!.textContent).to.equal('250');
    el.showMore();
    await el.updateComplete;
    expect(ids(el).length).to.equal(20);
    expect(live(), 'a page revealed says nothing new').to.equal('Touch points: 1,000');
    chip(el, 'call').click();
    await el.updateComplete;
    expect(live()).to.equal('Touch points: 250');
    el.locale = 'zh-CN';
    await el.updateComplete;
    expect(live()).to.equal('接触记录：250 条');
  });

  it('lets a keyboard user Tab past 1,000 activities: entries focused from the keyboard reveal no page under them; Show more does', async () => {
    const box = await fixture<HTMLDivElement>(html`<div style="height:300px;overflow:auto"><button id="before">before</button>
      <kam-timeline page-size="10" complete .activities=${many(1000)}></kam-timeline><button id="after">after</button></div>`);
    const el = box.querySelector('kam-timeline')!;
    await frame();
    box.querySelector<HTMLButtonElement>('#before')!.focus();
    let tabs = 0;
    while (document.activeElement?.id !== 'after' && tabs < 40) { await sendKeys({ press: 'Tab' }); tabs++; await frame(); }
    expect(ids(el).length, 'no page revealed by focus scrolling').to.equal(10);
    expect(tabs).to.equal(13); // the chips' one stop, 10 entries, Show more, then past
  });

  it('keeps the DOM bounded with 10,000 activities and a "Show more" button', async () => {
    const el = await fixture<KamTimeline>(html`<kam-timeline page-size="25" .activities=${many(10_000)}></kam-timeline>`);
    await frame();
    expect(ids(el).length).to.be.below(200);
    const n = ids(el).length;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.click();
    await el.updateComplete;
    expect(ids(el).length).to.equal(n + 25);
  });

  it('moves focus from "Show more" to the first entry it reveals, on the last page too (where the button goes)', async () => {
    const el = await fixture<KamTimeline>(html`<kam-timeline page-size="10" complete .activities=${many(15)}></kam-timeline>`);
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('.more')!;
    more.focus();
    more.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(ids(el).length).to.equal(15);
    expect(el.shadowRoot!.querySelector('.more')).to.equal(null);
    expect((el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.id).to.equal('m10');
  });

  it('reads the store through a provider and updates live when activities are added', async () => {
    const store = makeStore();
    const host = await provide(store, html`<kam-timeline account-id="acc-1" include-tickets></kam-timeline>`);
    const el = host.querySelector('kam-timeline')!;
    await el.updateComplete;
    expect(ids(el)).to.include.members(['a1', 'a5', 't1']);
    await store.create('activities', { id: 'a9', accountId: 'acc-1', type: 'call', subject: 'Follow-up on vibration', occurredAt: '2026-11-23T08:30:00Z', sourceIds: {} } as Activity);
    await el.updateComplete;
    expect(ids(el)[0]).to.equal('a9');
    el.accountId = 'nope';
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Account nope was not found');
    el.accountId = undefined;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('account-id');
  });

  it('reads its boolean and number attributes', async () => {
    const el = await fixture<KamTimeline>(html`<kam-timeline include-tickets include-orders complete loading page-size="7" time-zone="Asia/Shanghai"></kam-timeline>`);
    expect([el.includeTickets, el.includeOrders, el.complete, el.loading, el.pageSize, el.timeZone]).to.deep.equal([true, true, true, true, 7, 'Asia/Shanghai']);
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
  });

  it('shows empty, loading and store-error states', async () => {
    const el = await fixture<KamTimeline>(html`<kam-timeline .activities=${[]}></kam-timeline>`);
    expect(el.shadowRoot!.textContent).to.contain('No activities yet');
    el.loading = true;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
    const broken = makeStore();
    Object.assign(broken, { status: 'error', error: new Error('relay timed out') });
    const host = await provide(broken, html`<kam-timeline account-id="acc-1"></kam-timeline>`);
    const t = host.querySelector('kam-timeline')!;
    await t.updateComplete;
    expect(t.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('relay timed out');
    const retry = oneEvent(t, 'kam-retry');
    t.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    expect((await retry).detail.source).to.equal('kam-timeline');
  });

  it('speaks Chinese with Intl dates', async () => {
    const el = await fixture<KamTimeline>(html`<kam-timeline locale="zh-CN" .activities=${acts()} .contacts=${contacts()}></kam-timeline>`);
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('拜访').and.contain('全部联系人').and.contain('2026年');
  });

  it('renders injected markup in subjects, notes and contact names as inert text', async () => {
    const a = acts().map((x) => ({ ...x, subject: XSS, notes: XSS }));
    const c = contacts().map((x) => ({ ...x, name: XSS }));
    const tk = (book.tickets as Ticket[]).map((x) => ({ ...x, subject: XSS }));
    const el = await fixture<KamTimeline>(html`<kam-timeline .activities=${a} .contacts=${c} .tickets=${tk}></kam-timeline>`);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as unknown as Record<string, unknown>).__kamXss).to.equal(undefined);
    expect(injectedElements(el.shadowRoot)).to.equal(0);
    expect(el.shadowRoot!.querySelector('.subject')!.textContent).to.equal(XSS);
  });

  it(`keeps all ${xssPayloads.length} filter-evasion payloads inert in subjects, notes, contact names and currency codes`, async () => {
    const n = xssPayloads.length;
    const a: Activity[] = xssPayloads.map((p, i) => ({ id: `x${i}`, accountId: 'a', contactId: `k${i}`, type: 'note', subject: p, notes: xssPayloads[(i + 1) % n], occurredAt: new Date(Date.UTC(2026, 10, 23) - i * 3_600_000).toISOString(), sourceIds: {} }));
    const c = xssPayloads.map((p, i) => ({ id: `k${i}`, accountId: 'a', name: p, role: 'other', sourceIds: {} }) as Contact);
    const o = xssPayloads.map((p, i) => ({ id: `o${i}`, accountId: 'a', orderedAt: '2026-01-01', amount: { amount: i, currency: p }, status: 'fulfilled', sourceIds: {} }) as unknown as Order);
    const el = await fixture<KamTimeline>(html`<kam-timeline page-size="1000" .activities=${a} .contacts=${c} .orders=${o}></kam-timeline>`);
    await new Promise((r) => setTimeout(r, 100));
    expect((window as unknown as Record<string, unknown>).__kamXss).to.equal(undefined);
    expect(injectedElements(el.shadowRoot)).to.equal(0);
    expect([...el.shadowRoot!.querySelectorAll('.subject')].map((s) => s.textContent)).to.include.members(xssPayloads);
  });

  it('passes axe in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await fixture<KamTimeline>(html`<kam-timeline theme=${theme} .activities=${acts()} .contacts=${contacts()}
        .tickets=${book.tickets as Ticket[]}></kam-timeline>`);
      await expect(el).to.be.accessible();
    }
  });
});
