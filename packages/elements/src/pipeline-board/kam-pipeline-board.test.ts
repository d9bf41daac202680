import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import { Store, type Opportunity, type Pipeline, type OutboxEntry, type User } from '@kamkit/core';
import { pipelineSummary } from '@kamkit/core/analytics';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';
import { BoardModel, daysInStage } from './board-model.js';
import { parts } from './parts.js';
import './define.js';
import '../provider/define.js';
import '../health-badge/define.js';
import type { KamPipelineBoard } from './kam-pipeline-board.js';
import { boardAccounts, boardFx, boardPipeline, boardUsers, deal, manyDeals, FIXTURE_NOW, settle } from './fixtures.js';
import { xssPayloads } from '../../../../tests/fixtures/xss-payloads.js';
import { describeEl, until } from '../shared/test-wait.js';

const now = () => new Date(FIXTURE_NOW);

async function mount(opts: {
  pipeline?: Pipeline; pipelines?: Pipeline[]; opportunities?: Opportunity[]; locale?: string; theme?: 'light' | 'dark';
  cardFields?: string[]; store?: Store; height?: number; width?: number; users?: User[];
} = {}): Promise<KamPipelineBoard> {
  const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board
    style="height:${opts.height ?? 600}px; width: ${opts.width ?? 1200}px"
    locale=${opts.locale ?? 'en'} theme=${opts.theme ?? 'light'}
    .pipeline=${opts.store ? undefined : opts.pipeline ?? boardPipeline()}
    .pipelines=${opts.pipelines}
    .opportunities=${opts.store ? undefined : opts.opportunities}
    .accounts=${opts.store ? undefined : boardAccounts()}
    .users=${opts.users ?? boardUsers()}
    .fx=${opts.store ? undefined : boardFx}
    .cardFields=${opts.cardFields ?? []}
    .store=${opts.store}></kam-pipeline-board>`);
  // The board reads the store's clock; alone it needs a fixed one too.
  if (!opts.store) (el as unknown as { now: () => Date }).now = now;
  el.requestUpdate();
  await settle(el);
  return el;
}

const root = (el: KamPipelineBoard) => el.shadowRoot!;
const card = (el: KamPipelineBoard, id: string) => [...root(el).querySelectorAll<HTMLElement>('.card')].find((c) => c.dataset.id === id);
const columnKeyOf = (el: KamPipelineBoard, id: string) => card(el, id)?.closest<HTMLElement>('.column')?.dataset.key;
const column = (el: KamPipelineBoard, key: string) => [...root(el).querySelectorAll<HTMLElement>('.column')].find((c) => c.dataset.key === key)!;
const status = (el: KamPipelineBoard) => root(el).querySelector('[role="status"][aria-live]')!.textContent!;
const alertText = (el: KamPipelineBoard) => root(el).querySelector('.board > [role="alert"]')!.textContent!;

async function press(el: KamPipelineBoard, key: string): Promise<void> {
  await sendKeys({ press: key });
  await settle(el);
}

async function focusCard(el: KamPipelineBoard, id: string): Promise<void> {
  await el.focusCard(id);
  card(el, id)!.focus();
  await settle(el);
}

function pointer(target: Element, type: string, x: number, y: number, pointerType: string, pointerId = 1): void {
  target.dispatchEvent(new PointerEvent(type, {
    bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, pointerId, pointerType, button: 0, buttons: type === 'pointerup' ? 0 : 1, isPrimary: true,
  }));
}

/** Dispatches a cancelable touchmove; true when a listener prevented the default (the scroll). */
function touchMove(target: Element, x: number, y: number): boolean {
  const touch = new Touch({ identifier: 1, target, clientX: x, clientY: y });
  const e = new TouchEvent('touchmove', { bubbles: true, composed: true, cancelable: true, touches: [touch], targetTouches: [touch], changedTouches: [touch] });
  target.dispatchEvent(e);
  return e.defaultPrevented;
}

const center = (e: Element) => { const r = e.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kam-pipeline-board', () => {
  it('shows one column per stage with count, total and weighted value in the reporting currency', async () => {
    const el = await mount({ opportunities: [
      deal('a', 'st-prospect', { amount: { amount: 100_000, currency: 'CNY' } }),
      deal('b', 'st-prospect', { amount: { amount: 10_000, currency: 'USD' } }),
      deal('c', 'st-qualify', { amount: { amount: 50_000, currency: 'CNY' } }),
    ] });
    const names = [...root(el).querySelectorAll('.column h3')].map((h) => h.textContent);
    expect(names).to.deep.equal(['Prospect', 'Qualify', 'Proposal', 'Won', 'Lost']);
    const prospect = column(el, 'st-prospect');
    expect(prospect.querySelector('.count')!.textContent).to.equal('2 deals');
    // 100,000 CNY + 10,000 USD × 7.1 = 171,000 CNY; weighted at 10 % = 17,100.
    const totals = prospect.querySelector('.totals')!.textContent!.replace(/\s+/g, ' ');
    expect(totals).to.contain('CN¥171K');
    expect(totals).to.contain('CN¥17.1K');
    // The per-currency breakdown is in the tooltip, shown on focus (its code is fetched on the first).
    const tip = prospect.querySelector<HTMLElement>('.tooltip')!;
    expect(getComputedStyle(tip).display).to.equal('none');
    prospect.querySelector<HTMLElement>('.totals')!.focus();
    await settle(el);
    expect(getComputedStyle(tip).display).to.equal('block');
    expect(tip.textContent).to.contain('USD');
    expect(tip.textContent).to.match(/US\$10,000|\$10,000/);
    expect(tip.textContent).to.contain('Treasury month-end');
    expect(prospect.querySelector('.totals')!.getAttribute('aria-describedby')).to.equal(tip.id);
    // … and on hover, with a real mouse.
    (root(el).activeElement as HTMLElement).blur();
    const qualify = column(el, 'st-qualify');
    const qtip = qualify.querySelector<HTMLElement>('.tooltip')!;
    expect(getComputedStyle(qtip).display).to.equal('none');
    const c = center(qualify.querySelector('.totals')!);
    await sendMouse({ type: 'move', position: [Math.round(c.x), Math.round(c.y)] });
    expect(getComputedStyle(qtip).display).to.equal('block');
    expect(qtip.textContent).to.contain('All amounts are in CNY.');
    await resetMouse();
  });

  it('agrees with the core pipeline analytics: counts, totals, weighted values and idle deals per stage', async () => {
    const book = generateSampleBook({ seed: 11, accounts: 80 });
    const clock = new Date('2026-11-23T00:00:00Z');
    let idleSeen = 0;
    for (const pipeline of book.pipelines) {
      const summary = pipelineSummary(book, { now: clock, currency: 'CNY', fx: sampleFxTable, pipelineId: pipeline.id });
      const model = new BoardModel(pipeline, { currency: 'CNY', fx: sampleFxTable, maxPlausibleAmount: Infinity });
      model.reset(book.opportunities, pipeline.id);
      for (const s of summary.stages) {
        const col = model.column(s.stageId)!;
        expect(col.items.length, s.name).to.equal(s.count);
        const total = col.total.total('CNY', sampleFxTable, undefined);
        const weighted = col.weighted.total('CNY', sampleFxTable, undefined);
        expect(total.amount, s.name).to.be.closeTo(s.total.amount, 0.01);
        expect(weighted.amount, s.name).to.be.closeTo(s.weighted.amount, 0.01);
        expect(total.excluded.map((x) => x.currency).sort()).to.deep.equal(s.total.excluded.map((x) => x.currency).sort());
        const idle = col.items.filter((o) => s.idle.threshold !== undefined && (daysInStage(o, clock) ?? -1) > s.idle.threshold).map((o) => o.id).sort();
        expect(idle, `idle in ${s.name}`).to.deep.equal([...s.idle.opportunityIds].sort());
        idleSeen += idle.length;
      }
    }
    expect(idleSeen).to.be.greaterThan(0);
    // And the rendered headers show those figures.
    const store = Store.fromBook(book, { fx: sampleFxTable, now: () => clock });
    const el = await mount({ store });
    const summary = pipelineSummary(book, { now: clock, currency: 'CNY', fx: sampleFxTable, pipelineId: el.currentPipeline!.id });
    for (const s of summary.stages) {
      expect(column(el, s.stageId).querySelector('.count')!.textContent).to.equal(s.count === 1 ? '1 deal' : `${s.count} deals`);
      const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY', notation: 'compact', maximumFractionDigits: 1 });
      expect(column(el, s.stageId).querySelector('.totals')!.textContent).to.contain(money.format(s.total.amount));
    }
  });

  it('renders cards with owner, close date, amount, idle highlight, next-step status and configured fields', async () => {
    const el = await mount({
      cardFields: ['custom.budget', 'probability'],
      opportunities: [
        deal('idle', 'st-prospect', { stageHistory: [{ stageId: 'st-prospect', enteredAt: '2026-10-01T00:00:00Z' }], nextStep: { text: 'Call', dueDate: '2026-11-01', done: false }, custom: { budget: 'approved' }, probability: 0.25 }),
        deal('fresh', 'st-prospect', { ownerId: 'u-2', nextStep: { text: 'Demo', done: true } }),
      ],
    });
    const idle = card(el, 'idle')!;
    expect(idle.classList.contains('idle')).to.equal(true);
    expect(idle.textContent).to.contain('Idle 53 d (limit 14)');
    expect(idle.textContent).to.contain('Next step overdue');
    expect(idle.textContent).to.contain('Wang Lei');
    expect(idle.textContent).to.contain('Close Dec 31, 2026');
    expect(idle.textContent).to.contain('CN¥100K');
    expect(idle.textContent).to.contain('Budget');
    expect(idle.textContent).to.contain('approved');
    expect(idle.textContent).to.contain('25%');
    const fresh = card(el, 'fresh')!;
    expect(fresh.classList.contains('idle')).to.equal(false);
    expect(fresh.textContent).to.contain('Next step done');
    expect(fresh.textContent).to.contain('Anna Weber');
  });

  it('moves a deal from the first to the last stage by keyboard alone, with the close dialog', async () => {
    const el = await mount({ opportunities: [deal('k', 'st-prospect'), deal('other', 'st-qualify')] });
    const moved: CustomEvent[] = [];
    el.addEventListener('kam-stage-moved', (e) => moved.push(e));
    // Tab into the board: the roving tab stop is the first card.
    root(el).querySelector<HTMLElement>('.totals')!.focus();
    for (let i = 0; i < 10 && root(el).activeElement?.classList.contains('card') !== true; i++) await press(el, 'Tab');
    expect((root(el).activeElement as HTMLElement).dataset.id).to.equal('k');
    await press(el, 'Space');
    expect(status(el)).to.contain('Picked up “Deal k” in Prospect');
    await press(el, 'ArrowRight');
    expect(status(el)).to.contain('Over Qualify, position 1 of 2');
    await press(el, 'ArrowDown');
    expect(status(el)).to.contain('Over Qualify, position 2 of 2');
    expect(column(el, 'st-qualify').querySelector('.drop-indicator')).to.exist;
    await press(el, 'ArrowRight');
    await press(el, 'ArrowRight');
    await press(el, 'ArrowRight');
    expect(status(el)).to.contain('Over Lost');
    await press(el, 'Enter');
    const dialog = root(el).querySelector<HTMLDialogElement>('dialog.close-dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Close “Deal k” as lost');
    // Focus is in the dialog; submitting without a reason is refused with the reason named.
    expect(root(el).activeElement?.tagName).to.equal('TEXTAREA');
    dialog.querySelector('form')!.requestSubmit();
    await settle(el);
    expect(dialog.open).to.equal(true);
    await sendKeys({ type: 'Budget cut' });
    // Tab past the date (prefilled with today; Chromium stops at each date segment) and Cancel.
    for (let i = 0; i < 8 && root(el).activeElement?.textContent !== 'Close the deal'; i++) await press(el, 'Tab');
    expect(root(el).activeElement?.textContent).to.equal('Close the deal');
    await press(el, 'Enter');
    expect(columnKeyOf(el, 'k')).to.equal('st-lost');
    expect(moved).to.have.length(1);
    expect(moved[0].detail.to.id).to.equal('st-lost');
    expect(moved[0].detail.from.id).to.equal('st-prospect');
    expect(moved[0].detail.opportunity.lostReason).to.equal('Budget cut');
    expect(moved[0].detail.opportunity.closedAt).to.equal(FIXTURE_NOW.replace('Z', '.000Z')); // today's date: the moment of the move
    expect(status(el)).to.contain('Moved “Deal k” to Lost');
    expect(el.opportunities!.find((o) => o.id === 'k')!.stageId).to.equal('st-lost');
    expect((root(el).activeElement as HTMLElement).dataset.id).to.equal('k');
  });

  it('keeps the focused card and a picked-up card\'s target column in view when arrows or a menu move cross columns wider than the board (360 px)', async () => {
    const el = await mount({ width: 360, opportunities: [deal('h1', 'st-prospect'), deal('h2', 'st-qualify'), deal('h3', 'st-proposal'), deal('h4', 'st-lost')] });
    const row = root(el).querySelector<HTMLElement>('.columns')!;
    const inView = (e: Element, what: string) => {
      const r = e.getBoundingClientRect(), v = row.getBoundingClientRect();
      expect(r.left, what).to.be.at.least(v.left - 1);
      expect(r.right, what).to.be.at.most(v.right + 1);
    };
    await focusCard(el, 'h1');
    for (const id of ['h2', 'h3', 'h4']) {
      await press(el, 'ArrowRight');
      expect((root(el).activeElement as HTMLElement).dataset.id).to.equal(id);
      inView(root(el).activeElement!, `→ ${id}`);
    }
    for (const id of ['h3', 'h2', 'h1']) {
      await press(el, 'ArrowLeft');
      inView(root(el).activeElement!, `← ${id}`);
    }
    await press(el, 'Space');
    for (const key of ['st-qualify', 'st-proposal', 'st-won']) {
      await press(el, 'ArrowRight');
      inView(root(el).querySelector('.column.target')!, `over ${key}`);
      expect(root(el).querySelector<HTMLElement>('.column.target')!.dataset.key).to.equal(key);
    }
    // Escape: back to the card where it was. A move from its menu: the card, in its new column.
    await press(el, 'Escape');
    inView(card(el, 'h1')!, 'after Escape');
    card(el, 'h1')!.querySelector<HTMLElement>('.move-btn')!.focus();
    await press(el, 'Enter');
    await press(el, 'Enter');
    expect(columnKeyOf(el, 'h1')).to.equal('st-qualify');
    expect((root(el).activeElement as HTMLElement).dataset.id).to.equal('h1');
    inView(root(el).activeElement!, 'moved from its menu');
  });

  it('Escape cancels a keyboard move and announces it', async () => {
    const el = await mount({ opportunities: [deal('e', 'st-prospect')] });
    await focusCard(el, 'e');
    await press(el, 'Space');
    await press(el, 'ArrowRight');
    await press(el, 'Escape');
    expect(columnKeyOf(el, 'e')).to.equal('st-prospect');
    expect(status(el)).to.contain('Move cancelled. “Deal e” stays in Prospect');
    expect(root(el).querySelector('.drop-indicator')).to.equal(null);
    // Focus leaving a picked-up card puts it back too.
    await press(el, 'Space');
    await press(el, 'ArrowRight');
    expect(root(el).querySelector('.drop-indicator')).to.exist;
    root(el).querySelector<HTMLElement>('.totals')!.focus();
    await settle(el);
    expect(root(el).querySelector('.drop-indicator')).to.equal(null);
    expect(columnKeyOf(el, 'e')).to.equal('st-prospect');
    // So does Tab.
    await focusCard(el, 'e');
    await press(el, 'Space');
    await press(el, 'ArrowRight');
    expect(root(el).querySelector('.drop-indicator')).to.exist;
    await press(el, 'Tab');
    expect(root(el).querySelector('.drop-indicator')).to.equal(null);
    expect(columnKeyOf(el, 'e')).to.equal('st-prospect');
  });

  it('moves a deal by mouse drag with pointer events (after a few pixels)', async () => {
    const el = await mount({ opportunities: [deal('d', 'st-prospect'), deal('q1', 'st-qualify', { closeDate: '2026-12-01' })] });
    const from = center(card(el, 'd')!);
    const target = column(el, 'st-qualify').querySelector('.column-body')!.getBoundingClientRect();
    pointer(card(el, 'd')!, 'pointerdown', from.x, from.y, 'mouse');
    pointer(card(el, 'd')!, 'pointermove', from.x + 2, from.y, 'mouse');
    await settle(el);
    expect(root(el).querySelector('.ghost')).to.equal(null); // 2 px is still a click
    pointer(card(el, 'd')!, 'pointermove', from.x + 20, from.y, 'mouse');
    await settle(el);
    expect(root(el).querySelector('.ghost')).to.exist;
    const x = target.left + target.width / 2, y = target.top + 400;
    pointer(document.body, 'pointermove', x, y, 'mouse');
    await settle(el);
    expect(status(el)).to.contain('Over Qualify, position 2 of 2');
    const moved = oneEvent(el, 'kam-stage-moved');
    pointer(document.body, 'pointerup', x, y, 'mouse');
    const e = await moved;
    expect(e.detail.to.id).to.equal('st-qualify');
    await settle(el);
    expect(columnKeyOf(el, 'd')).to.equal('st-qualify');
    const order = [...column(el, 'st-qualify').querySelectorAll<HTMLElement>('.card')].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((c) => c.dataset.id);
    expect(order).to.deep.equal(['q1', 'd']);
  });

  it('a drag over the unknown-stage column aims at the nearest stage of the pipeline, never at the unknown column', async () => {
    const el = await mount({ width: 1800, opportunities: [deal('d', 'st-prospect'), deal('g', 'st-gone')] });
    const from = center(card(el, 'd')!);
    const unknown = column(el, '__unknown__').querySelector('.column-body')!.getBoundingClientRect();
    pointer(card(el, 'd')!, 'pointerdown', from.x, from.y, 'mouse');
    pointer(card(el, 'd')!, 'pointermove', from.x + 20, from.y, 'mouse');
    await settle(el);
    pointer(document.body, 'pointermove', unknown.left + unknown.width / 2, unknown.top + 40, 'mouse');
    await settle(el);
    expect(status(el)).to.contain('Over Lost');
    expect(column(el, '__unknown__').classList.contains('target')).to.equal(false);
    pointer(document.body, 'pointercancel', unknown.left + unknown.width / 2, unknown.top + 40, 'mouse');
    await settle(el);
    expect(columnKeyOf(el, 'd')).to.equal('st-prospect');
  });

  it('drags with a pen too, and auto-scrolls a column while the pointer rests near its edge', async () => {
    const deals = Array.from({ length: 200 }, (_, i) => deal(`a${String(i).padStart(3, '0')}`, i === 0 ? 'st-qualify' : 'st-prospect', { closeDate: '2026-12-01' }));
    const el = await mount({ opportunities: deals, height: 500 });
    const body = column(el, 'st-prospect').querySelector<HTMLElement>('.column-body')!;
    const from = center(card(el, 'a000')!);
    pointer(card(el, 'a000')!, 'pointerdown', from.x, from.y, 'pen', 3);
    pointer(card(el, 'a000')!, 'pointermove', from.x, from.y + 10, 'pen', 3);
    await settle(el);
    expect(root(el).querySelector('.ghost')).to.exist;
    const b = body.getBoundingClientRect();
    pointer(document.body, 'pointermove', b.left + b.width / 2, b.bottom - 10, 'pen', 3);
    // Auto-scroll steps once a frame: polled (bounded) rather than 400 ms, which a busy machine draws in few frames.
    await until(() => body.scrollTop > 100, 'the column auto-scrolled past 100 px', () => `scrollTop ${body.scrollTop}`);
    await settle(el);
    expect(body.scrollTop).to.be.greaterThan(100);
    expect(status(el)).to.match(/Over Prospect, position (\d+) of 200/);
    const pos = Number(/position (\d+) of 200/.exec(status(el))![1]);
    expect(pos).to.be.greaterThan(5);
    const moved = oneEvent(el, 'kam-stage-moved');
    pointer(document.body, 'pointerup', b.left + b.width / 2, b.bottom - 10, 'pen', 3);
    const e = await moved;
    expect(e.detail.to.id).to.equal('st-prospect');
    await settle(el);
    expect(columnKeyOf(el, 'a000')).to.equal('st-prospect');
    // It lands where it was dropped, not at its sorted place (first: all close dates are equal and a000 sorts first).
    expect(Number(card(el, 'a000')!.getAttribute('aria-posinset'))).to.equal(pos);
  });

  it('starts a touch drag only after a still long-press; a swipe scrolls and never drags', async () => {
    const el = await mount({ opportunities: [deal('t', 'st-prospect'), deal('s', 'st-prospect', { closeDate: '2027-01-05' })] });
    const target = column(el, 'st-qualify').querySelector('.column-body')!.getBoundingClientRect();
    const tx = target.left + target.width / 2, ty = target.top + 60;

    // A swipe: the finger moves 30 px at once — a scroll gesture.
    let from = center(card(el, 's')!);
    pointer(card(el, 's')!, 'pointerdown', from.x, from.y, 'touch', 7);
    pointer(card(el, 's')!, 'pointermove', from.x, from.y - 30, 'touch', 7);
    expect(touchMove(card(el, 's')!, from.x, from.y - 40)).to.equal(false); // the page may scroll
    await wait(500);
    pointer(document.body, 'pointermove', tx, ty, 'touch', 7);
    pointer(document.body, 'pointerup', tx, ty, 'touch', 7);
    await settle(el);
    expect(columnKeyOf(el, 's')).to.equal('st-prospect');
    expect(root(el).querySelector('.ghost')).to.equal(null);

    // A long-press: still for 400 ms, then the card follows the finger.
    from = center(card(el, 't')!);
    pointer(card(el, 't')!, 'pointerdown', from.x, from.y, 'touch', 8);
    pointer(card(el, 't')!, 'pointermove', from.x + 3, from.y + 2, 'touch', 8); // jitter within the slop
    await wait(100);
    expect(root(el).querySelector('.ghost')).to.equal(null);
    await wait(450);
    await settle(el);
    expect(root(el).querySelector('.ghost')).to.exist;
    expect(status(el)).to.contain('Picked up “Deal t”');
    expect(touchMove(card(el, 't')!, from.x + 20, from.y)).to.equal(true); // the finger now moves the card, not the page
    pointer(document.body, 'pointermove', tx, ty, 'touch', 8);
    await settle(el);
    pointer(document.body, 'pointerup', tx, ty, 'touch', 8);
    await settle(el);
    expect(columnKeyOf(el, 't')).to.equal('st-qualify');
  });

  it('refuses a move the rules forbid and shows every reason on the card', async () => {
    const el = await mount({ opportunities: [deal('r', 'st-prospect', { nextStep: undefined })] });
    const ok = await el.requestMove('r', 'st-proposal');
    await settle(el);
    expect(ok).to.equal(false);
    expect(columnKeyOf(el, 'r')).to.equal('st-prospect');
    const notice = card(el, 'r')!.querySelector('.notice.refused')!;
    expect(notice.textContent).to.contain('Cannot move to Proposal');
    expect(notice.textContent).to.contain('does not allow skipping stages');
    expect(notice.textContent).to.contain('Fill in Next step');
    expect(notice.textContent).to.contain('Fill in Budget');
    expect(notice.textContent).to.contain('Tick “Demo given”');
    expect(card(el, 'r')!.getAttribute('aria-describedby')).to.contain(notice.id);
    expect(alertText(el)).to.contain('Cannot move “Deal r” to Proposal');
    // The card grew to fit the reasons; nothing overlaps the card below it.
    expect(card(el, 'r')!.getBoundingClientRect().height).to.be.greaterThan(130);
    (notice.querySelector('button') as HTMLButtonElement).click();
    await settle(el);
    expect(card(el, 'r')!.querySelector('.notice')).to.equal(null);
  });

  it('refusing a move to a won / lost stage lists only what blocks it, not the reason and date its dialog would ask for', async () => {
    const pipeline = boardPipeline();
    pipeline.stages[3] = { ...pipeline.stages[3], entryCriteria: { requiredFields: [], checklist: [{ id: 'signed', label: 'Contract signed' }] } };
    const el = await mount({ pipeline, opportunities: [deal('r', 'st-proposal')] });
    expect(await el.requestMove('r', 'st-won')).to.equal(false);
    await settle(el);
    expect(root(el).querySelector('dialog.close-dialog'), 'no dialog: the move is blocked').to.equal(null);
    const notice = card(el, 'r')!.querySelector('.notice.refused')!;
    // The user can act on this one; the date has nowhere to be given until the dialog opens.
    expect([...notice.querySelectorAll('li')].map((li) => li.textContent!.trim())).to.deep.equal(['Tick “Contract signed” before moving to Won']);
    expect(alertText(el)).to.equal('Cannot move “Deal r” to Won: Tick “Contract signed” before moving to Won.');
  });

  it('in zh-CN runs a refusal\'s sentences on without spaces and lists unknown stage ids with 、', async () => {
    const el = await mount({ locale: 'zh-CN', opportunities: [deal('r', 'st-prospect', { nextStep: undefined }), deal('x', 'st-x'), deal('y', 'st-y')] });
    await el.requestMove('r', 'st-proposal');
    await settle(el);
    expect(alertText(el)).to.contain('此管道不允许跳过阶段。请先填写“下一步”。请先填写');
    expect(root(el).querySelector('.explain')!.textContent).to.contain('（st-x、st-y）');
  });

  it('asks for the won date in a modal dialog; cancelling keeps the deal where it was', async () => {
    const el = await mount({ opportunities: [deal('w', 'st-qualify')] });
    await el.requestMove('w', 'st-won');
    await settle(el);
    const dialog = root(el).querySelector<HTMLDialogElement>('dialog.close-dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('close-title');
    expect(dialog.textContent).to.contain('Date won');
    expect(dialog.querySelector('input[type=date]')!.hasAttribute('required')).to.equal(true);
    expect(dialog.querySelector('textarea')!.hasAttribute('required')).to.equal(false);
    // A date in the future is refused by the rules and explained in the dialog.
    (dialog.querySelector('input[type=date]') as HTMLInputElement).value = '2027-02-01';
    const form = dialog.querySelector('form')!;
    // requestSubmit would stop at the max constraint; submit the event as a script would.
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(el);
    expect(dialog.querySelector('.dialog-errors')!.textContent).to.contain('in the future');
    await press(el, 'Escape');
    expect(root(el).querySelector('dialog.close-dialog')).to.equal(null);
    expect(columnKeyOf(el, 'w')).to.equal('st-qualify');
    expect(status(el)).to.contain('Move cancelled');
  });

  it('shows the close dialog\'s chosen date in the board\'s language next to the native date field, and its hints localized (en, zh-CN)', async () => {
    for (const [locale, today, picked, hint] of [
      ['en', 'Monday, November 23, 2026', 'Monday, November 2, 2026', '(required)'],
      ['zh-CN', '2026年11月23日星期一', '2026年11月2日星期一', '（必填）'],
    ]) {
      const el = await mount({ opportunities: [deal('w', 'st-qualify')], locale });
      await el.requestMove('w', 'st-won');
      await settle(el);
      const dialog = root(el).querySelector<HTMLDialogElement>('dialog.close-dialog')!;
      const input = dialog.querySelector<HTMLInputElement>('input[type=date]')!;
      const shown = () => root(el).getElementById(input.getAttribute('aria-describedby')!)!;
      expect(input.closest('label')!.textContent, locale).to.contain(hint);
      expect(shown().textContent, locale).to.equal(today);
      expect(shown().checkVisibility(), locale).to.equal(true);
      // The user picks another day with the browser's own control: the text follows.
      input.value = '2026-11-02';
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await settle(el);
      expect(shown().textContent, locale).to.equal(picked);
      await expect(el).to.be.accessible();
      await press(el, 'Escape');
    }
  });

  it('keeps the reason typed in the close dialog when the date is picked after it, and sends both', async () => {
    const el = await mount({ opportunities: [deal('l', 'st-qualify')] });
    await el.requestMove('l', 'st-lost');
    await settle(el);
    const dialog = root(el).querySelector<HTMLDialogElement>('dialog.close-dialog')!;
    expect(root(el).activeElement?.tagName).to.equal('TEXTAREA');
    await sendKeys({ type: 'Too expensive' });
    const input = dialog.querySelector<HTMLInputElement>('input[type=date]')!;
    input.value = '2026-11-02';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle(el);
    expect(dialog.querySelector('textarea')!.value).to.equal('Too expensive');
    const moved = oneEvent(el, 'kam-stage-moved');
    dialog.querySelector<HTMLElement>('button.primary')!.click();
    expect((await moved).detail.input).to.deep.equal({ reason: 'Too expensive', date: '2026-11-02' });
  });

  it('a close dialog opened for another deal while one is open starts empty, not with what was typed for the first', async () => {
    const el = await mount({ opportunities: [deal('a', 'st-qualify'), deal('b', 'st-qualify')] });
    await el.requestMove('a', 'st-lost');
    await settle(el);
    await sendKeys({ type: 'A is too pricey' });
    await el.requestMove('b', 'st-won');
    await settle(el);
    const dialog = root(el).querySelector<HTMLDialogElement>('dialog.close-dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Deal b');
    expect(dialog.querySelector('textarea')!.value).to.equal('');
    expect(root(el).activeElement?.tagName).to.equal('TEXTAREA');
  });

  it('when the deal leaves the board while its close dialog is open (a sync removed it), Confirm or Cancel closes the dialog and focus goes to a card, not the page body', async () => {
    for (const how of ['Confirm', 'Cancel']) {
      const el = await mount({ opportunities: [deal('gone', 'st-qualify'), deal('stay', 'st-prospect')] });
      await el.requestMove('gone', 'st-won');
      await settle(el);
      expect(root(el).activeElement?.tagName).to.equal('TEXTAREA');
      el.opportunities = [deal('stay', 'st-prospect')];
      await settle(el);
      const dialog = root(el).querySelector<HTMLDialogElement>('dialog.close-dialog')!;
      dialog.querySelector<HTMLElement>(how === 'Confirm' ? 'button.primary' : 'button.secondary')!.focus();
      await press(el, 'Enter');
      expect(root(el).querySelector('dialog.close-dialog'), how).to.equal(null);
      expect(document.activeElement?.tagName, how).to.equal('KAM-PIPELINE-BOARD');
      expect((root(el).activeElement as HTMLElement | null)?.dataset.id, how).to.equal('stay');
    }
  });

  it('loads the close dialog, the card notices and the "Move to…" menu on first use, styled, keyboard operable and accessible', async () => {
    const el = await mount({ opportunities: [deal('l1', 'st-qualify'), deal('l2', 'st-prospect', { nextStep: undefined })] });
    const sheets = () => root(el).adoptedStyleSheets.length;
    const before = sheets();
    // The menu: opened from the keyboard, positioned by its own styles, closed with Escape.
    await focusCard(el, 'l1');
    await press(el, 'm');
    const menu = root(el).querySelector<HTMLElement>('.menu')!;
    expect(menu).to.exist;
    expect(getComputedStyle(menu).position).to.equal('absolute');
    expect((root(el).activeElement as HTMLElement).getAttribute('role')).to.equal('menuitem');
    await press(el, 'Escape');
    expect(root(el).querySelector('.menu')).to.equal(null);
    expect((root(el).activeElement as HTMLElement).dataset.id).to.equal('l1');
    // A refusal: the notice arrives with its words and its styles, and is announced.
    await el.requestMove('l2', 'st-proposal');
    await el.updateComplete;
    const notice = card(el, 'l2')!.querySelector<HTMLElement>('.notice.refused')!;
    expect(notice.textContent).to.contain('Fill in Next step');
    expect(getComputedStyle(notice).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    expect(alertText(el)).to.contain('does not allow skipping stages');
    // The dialog: updateComplete waits for its module, then it is open, modal and styled.
    await el.requestMove('l1', 'st-won');
    await el.updateComplete;
    const dialog = root(el).querySelector<HTMLDialogElement>('dialog.close-dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(parseFloat(getComputedStyle(dialog).width)).to.be.at.most(420);
    // The menu's, the notices', the moves' (the keyboard's pick-up) and the dialog's styles.
    expect(sheets()).to.equal(before + 4);
    await expect(el).to.be.accessible();
    // Keyboard: a reason typed, the confirm button pressed with Enter.
    expect(root(el).activeElement?.tagName).to.equal('TEXTAREA');
    await sendKeys({ type: 'Best offer' });
    dialog.querySelector<HTMLElement>('button.primary')!.focus();
    await press(el, 'Enter');
    expect(root(el).querySelector('dialog.close-dialog')).to.equal(null);
    expect(columnKeyOf(el, 'l1')).to.equal('st-won');
    expect(el.opportunities!.find((o) => o.id === 'l1')!.wonReason).to.equal('Best offer');
    expect((root(el).activeElement as HTMLElement).dataset.id).to.equal('l1');
  });

  it('fires a cancellable kam-stage-move first: preventDefault stops the move', async () => {
    const el = await mount({ opportunities: [deal('c', 'st-prospect')] });
    let seen: CustomEvent | undefined;
    el.addEventListener('kam-stage-move', (e) => { seen = e; e.preventDefault(); });
    let moved = false;
    el.addEventListener('kam-stage-moved', () => { moved = true; });
    await focusCard(el, 'c');
    await press(el, 'Space');
    await press(el, 'ArrowRight');
    await press(el, 'Space');
    expect(seen!.cancelable).to.equal(true);
    expect(seen!.detail.opportunity.id).to.equal('c');
    expect(seen!.detail.from.id).to.equal('st-prospect');
    expect(seen!.detail.to.id).to.equal('st-qualify');
    expect(moved).to.equal(false);
    expect(columnKeyOf(el, 'c')).to.equal('st-prospect');
    expect(status(el)).to.contain('stopped by the page');
  });

  it('offers a "Move to…" menu button per card, operable by keyboard', async () => {
    const el = await mount({ opportunities: [deal('m', 'st-prospect')] });
    const btn = card(el, 'm')!.querySelector<HTMLButtonElement>('.move-btn')!;
    expect(btn.getAttribute('aria-haspopup')).to.equal('menu');
    expect(btn.getAttribute('aria-label')).to.equal('Move “Deal m” to…');
    btn.focus();
    await press(el, 'Enter');
    const menu = root(el).querySelector('[role=menu]')!;
    expect(btn.getAttribute('aria-expanded')).to.equal('true');
    expect([...menu.querySelectorAll('[role=menuitem]')].map((m) => m.textContent)).to.deep.equal(['Qualify', 'Proposal', 'Won', 'Lost']);
    expect(root(el).activeElement!.textContent).to.equal('Qualify');
    await press(el, 'ArrowDown');
    await press(el, 'ArrowUp');
    await press(el, 'Enter');
    expect(root(el).querySelector('[role=menu]')).to.equal(null);
    expect(columnKeyOf(el, 'm')).to.equal('st-qualify');
    // From the card itself: Shift+F10 opens it (F10 alone does not).
    await focusCard(el, 'm');
    await press(el, 'F10');
    expect(root(el).querySelector('[role=menu]')).to.equal(null);
    await sendKeys({ down: 'Shift' });
    await press(el, 'F10');
    await sendKeys({ up: 'Shift' });
    expect(root(el).querySelector('[role=menu]')).to.exist;
    await press(el, 'Escape');
  });

  it('Escape closes the "Move to…" menu back to where it was opened: its ⋯ button, or the card (M)', async () => {
    const el = await mount({ opportunities: [deal('e1', 'st-prospect')] });
    const btn = card(el, 'e1')!.querySelector<HTMLElement>('.move-btn')!;
    btn.focus();
    await press(el, 'Enter');
    await press(el, 'Escape');
    expect(root(el).querySelector('[role=menu]')).to.equal(null);
    expect(root(el).activeElement === btn, 'focus on the ⋯ button').to.equal(true);
    expect(btn.getAttribute('aria-expanded')).to.equal('false');
    await focusCard(el, 'e1');
    await press(el, 'm');
    const menu = root(el).querySelector<HTMLElement>('[role=menu]')!;
    // Placed under the ⋯ button either way.
    expect(Math.abs(menu.getBoundingClientRect().top - btn.getBoundingClientRect().bottom)).to.be.at.most(4);
    await press(el, 'Escape');
    expect((root(el).activeElement as HTMLElement).dataset.id).to.equal('e1');
  });

  it('Tab from the "Move to…" menu goes on from its ⋯ button (to the next column), not back to the board\'s start', async () => {
    const el = await mount({ opportunities: [deal('t1', 'st-prospect'), deal('t2', 'st-qualify')] });
    card(el, 't1')!.querySelector<HTMLElement>('.move-btn')!.focus();
    await press(el, 'Enter');
    expect(root(el).activeElement!.getAttribute('role')).to.equal('menuitem');
    await press(el, 'Tab');
    expect(root(el).querySelector('[role=menu]')).to.equal(null);
    const active = root(el).activeElement as HTMLElement;
    expect(active.classList.contains('totals')).to.equal(true);
    expect(active.closest<HTMLElement>('.column')!.dataset.key).to.equal('st-qualify');
  });

  it('a one-stage pipeline\'s "Move to…" menu says there is no other stage, and moves nothing', async () => {
    for (const locale of ['en', 'zh-CN']) {
      const el = await mount({ locale, pipeline: boardPipeline({ stages: [boardPipeline().stages[0]] }), opportunities: [deal('o1', 'st-prospect')] });
      let moves = 0;
      el.addEventListener('kam-stage-move', () => moves++);
      card(el, 'o1')!.querySelector<HTMLElement>('.move-btn')!.focus();
      await press(el, 'Enter');
      const items = [...root(el).querySelectorAll<HTMLElement>('[role=menu] [role=menuitem]')];
      expect(items.map((i) => i.textContent), locale).to.deep.equal([locale === 'en' ? 'No other stage' : '没有其他阶段']);
      expect(items[0].getAttribute('aria-disabled')).to.equal('true');
      expect(root(el).activeElement === items[0], 'focus on the item').to.equal(true);
      await expect(el).to.be.accessible();
      await press(el, 'ArrowDown');
      await press(el, 'Enter');
      expect(root(el).querySelector('[role=menu]')).to.equal(null);
      expect(moves).to.equal(0);
      expect((root(el).activeElement as HTMLElement).dataset.id).to.equal('o1');
    }
  });

  it('a stage picked in the "Move to…" menu gives focus to the card at once: it never falls to the page while the close dialog is fetched, and comes back after it', async () => {
    const el = await mount({ opportunities: [deal('mf', 'st-qualify')] });
    // The dialog's chunk held back, as on a slow network.
    const dialog = parts.dialog as { load: () => Promise<unknown>; loaded?: unknown; loading?: Promise<unknown> };
    const saved = { ...dialog };
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    Object.assign(dialog, { loaded: undefined, loading: undefined, load: () => held.then(saved.load) });
    try {
      card(el, 'mf')!.querySelector<HTMLElement>('.move-btn')!.focus();
      await press(el, 'Enter');
      await press(el, 'End');
      expect(root(el).activeElement!.textContent).to.equal('Lost');
      // (updateComplete waits for the dialog's chunk: a few frames instead.)
      await sendKeys({ press: 'Enter' });
      for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
      expect(root(el).querySelector('[role=menu]')).to.equal(null);
      expect(document.activeElement?.tagName).to.equal('KAM-PIPELINE-BOARD');
      expect((root(el).activeElement as HTMLElement | null)?.dataset.id).to.equal('mf');
      release();
      await settle(el);
      expect(root(el).querySelector<HTMLDialogElement>('dialog.close-dialog')!.open).to.equal(true);
      expect(root(el).activeElement?.tagName).to.equal('TEXTAREA');
      await press(el, 'Escape');
      expect((root(el).activeElement as HTMLElement | null)?.dataset.id).to.equal('mf');
    } finally {
      Object.assign(dialog, saved);
    }
  });

  it('virtualises 10,000 deals: the DOM holds a bounded number of cards and keyboard navigation still reaches any deal', async () => {
    const deals = manyDeals(10_000);
    const el = await mount({ opportunities: deals });
    const count = root(el).querySelectorAll('.card').length;
    expect(count).to.be.greaterThan(5);
    expect(count).to.be.lessThan(100);
    const prospectCount = deals.filter((d) => d.stageId === 'st-prospect').length;
    expect(column(el, 'st-prospect').querySelector('.count')!.textContent).to.equal(`${prospectCount.toLocaleString('en')} deals`);
    const first = column(el, 'st-prospect').querySelector<HTMLElement>('.card')!;
    await focusCard(el, first.dataset.id!);
    await press(el, 'End');
    const active = root(el).activeElement as HTMLElement;
    expect(active.classList.contains('card')).to.equal(true);
    expect(active.getAttribute('aria-posinset')).to.equal(String(prospectCount));
    expect(active.getAttribute('aria-setsize')).to.equal(String(prospectCount));
    const body = column(el, 'st-prospect').querySelector<HTMLElement>('.column-body')!;
    expect(body.scrollTop).to.be.greaterThan(100_000);
    const r = active.getBoundingClientRect(), b = body.getBoundingClientRect();
    expect(r.top).to.be.at.least(b.top - 1);
    expect(r.bottom).to.be.at.most(b.bottom + 1);
    await press(el, 'ArrowUp');
    expect((root(el).activeElement as HTMLElement).getAttribute('aria-posinset')).to.equal(String(prospectCount - 1));
    expect(root(el).querySelectorAll('.card').length).to.be.lessThan(100);
    // Scrolling renders the cards that come into view.
    body.scrollTop = 5000;
    body.dispatchEvent(new Event('scroll'));
    await settle(el);
    const visible = [...body.querySelectorAll<HTMLElement>('.card')].filter((c) => { const cr = c.getBoundingClientRect(); return cr.bottom > b.top && cr.top < b.bottom; });
    expect(visible.length).to.be.greaterThan(2);
    /** Drawn cards of a column body that are not where their position in the column puts them (one per 132 px). */
    const misplaced = (b: HTMLElement) => {
      const top = b.getBoundingClientRect().top + 8 - b.scrollTop;
      return [...b.querySelectorAll<HTMLElement>('.card')]
        .map((c) => ({ pos: +c.getAttribute('aria-posinset')!, y: Math.round(c.getBoundingClientRect().top - top) }))
        .filter((c) => Math.abs(c.y - (c.pos - 1) * 132) > 1);
    };
    // The card last focused, scrolled far away and kept in the DOM, included.
    expect(body.querySelector('.card[aria-posinset="' + (prospectCount - 1) + '"]')).to.exist;
    expect(misplaced(body)).to.deep.equal([]);
    // Another column scrolled (as a user does, by frames), a deal above the cards in view taken out,
    // more scrolling: the column stays where the user left it (the browser does not scroll to keep
    // a card in view), and every drawn card is at its place.
    const next = column(el, 'st-qualify').querySelector<HTMLElement>('.column-body')!;
    for (const y of [700, -1, 1500, 900]) {
      if (y < 0) {
        const above = next.querySelector<HTMLElement>('.card[aria-posinset="3"]')!.dataset.id;
        el.opportunities = deals.filter((d) => d.id !== above);
      } else {
        next.scrollTop = y;
        await wait(50);
      }
      await settle(el);
      expect(next.scrollTop).to.equal(y < 0 ? 700 : y);
      expect(misplaced(next)).to.deep.equal([]);
    }
  });

  it('keeps a focused card focused when its column is scrolled until other cards are drawn after it', async () => {
    const el = await mount({ opportunities: manyDeals(600) });
    const body = column(el, 'st-prospect').querySelector<HTMLElement>('.column-body')!;
    const first = body.querySelector<HTMLElement>('.card')!;
    await focusCard(el, first.dataset.id!);
    // Scrolled by frames, as a wheel does: the focused card leaves the drawn range.
    for (const y of [600, 1500, 3000]) {
      body.scrollTop = y;
      body.dispatchEvent(new Event('scroll'));
      await settle(el);
      expect((root(el).activeElement as HTMLElement | null)?.dataset.id).to.equal(first.dataset.id);
    }
    // The keyboard user carries on from that card.
    await press(el, 'ArrowDown');
    expect((root(el).activeElement as HTMLElement).getAttribute('aria-posinset')).to.equal('2');
  });

  it('shows status chips whole in a default-width column, en and zh-CN, at the card height the columns use', async () => {
    const long = { stageHistory: [{ stageId: 'st-prospect', enteredAt: '2025-10-10T09:00:00Z' }] };
    for (const locale of ['en', 'zh-CN']) {
      const el = await mount({ locale, opportunities: [
        deal('due', 'st-prospect', { ...long, nextStep: { text: 'Call', dueDate: '2026-12-12', done: false } }),
        deal('late', 'st-prospect', { ...long, ownerId: 'u-2', nextStep: { text: 'Call', dueDate: '2026-01-01', done: false } }),
        deal('none', 'st-prospect', { ...long, ownerId: undefined, nextStep: undefined }),
      ] });
      for (const id of ['due', 'late', 'none']) {
        const c = card(el, id)!;
        const cr = c.getBoundingClientRect();
        const chips = [...c.querySelectorAll<HTMLElement>('.chip')];
        expect(chips.map((x) => x.className.split(' ')[1]), `${locale} ${id}`).to.include('idle');
        for (const chip of chips) {
          const r = chip.getBoundingClientRect();
          // Whole: not cut by the card's edge nor by its own ellipsis.
          expect(r.right, `${locale} ${chip.textContent}`).to.be.at.most(cr.right - 8);
          expect(chip.scrollWidth, `${locale} ${chip.textContent}`).to.be.at.most(chip.clientWidth);
        }
        // The owner's name beside the idle chip stays whole too.
        const owner = c.querySelector<HTMLElement>('.owner-row > span')!;
        expect(owner.scrollWidth, `${locale} ${owner.textContent}`).to.be.at.most(owner.clientWidth);
        expect(cr.height).to.equal(124);
      }
    }
  });

  it('shows a card\'s close date whole in the demo\'s columns in Chinese too (it lost its day: "预计成交 2026年10月…")', async () => {
    // The demo's Sales page at 1400 px: a board 1,100 px wide, five columns.
    for (const locale of ['en', 'zh-CN']) {
      const el = await mount({ locale, width: 1100, opportunities: [
        deal('big', 'st-prospect', { amount: { amount: 40_976_000, currency: 'CNY' }, closeDate: '2026-12-29' }),
      ] });
      const close = card(el, 'big')!.querySelector<HTMLElement>('.close')!;
      expect(close.scrollWidth, `${locale}: ${close.textContent}`).to.be.at.most(close.clientWidth);
      expect(close.textContent, locale).to.match(/29/);
    }
  });

  it('lets a card\'s text cut by a narrow column be read: owner (beside the idle chip), account, close date and the stage name carry a title; the amount is never cut; the Move button is a 24 px target (en, zh-CN, 360, 390 and 1280 px)', async () => {
    const owner = 'Maximilian Alexander Konstantin von Hohenzollern-Sigmaringen';
    const account = 'Guangzhou Pearl River Delta Advanced Manufacturing Group Ltd.';
    expect(owner.length).to.be.at.least(60);
    for (const locale of ['en', 'zh-CN']) {
      for (const width of [360, 390, 1280]) {
        const stages = boardPipeline().stages.map((st, i) => (i ? st : { ...st, name: 'Prospecting and first qualification call with the buying group' }));
        const el = await mount({ locale, width, pipeline: boardPipeline({ stages }), users: [...boardUsers(), { id: 'u-long', name: owner }], opportunities: [
          deal('long', 'st-prospect', {
            ownerId: 'u-long', accountId: account, amount: { amount: 40_976_000, currency: 'CNY' }, closeDate: '2026-10-29',
            stageHistory: [{ stageId: 'st-prospect', enteredAt: '2025-10-10T09:00:00Z' }],
          }),
        ] });
        const c = card(el, 'long')!;
        const at = `${locale} ${width}px`;
        // A long stage name too (the column's title).
        const h3 = column(el, 'st-prospect').querySelector<HTMLElement>('h3')!;
        expect(h3.scrollWidth, `${at}: the stage name is cut here`).to.be.greaterThan(h3.clientWidth);
        expect(h3.title, at).to.equal(h3.textContent);
        expect(column(el, 'st-prospect').offsetWidth, `${at}: the long name does not widen its column`).to.equal(column(el, 'st-qualify').offsetWidth);
        expect(c.querySelector('.chip.idle'), at).to.exist;
        const ownerSpan = c.querySelector<HTMLElement>('.owner-row > span')!;
        expect(ownerSpan.scrollWidth, `${at}: the owner is cut here`).to.be.greaterThan(ownerSpan.clientWidth);
        for (const span of [ownerSpan, c.querySelector<HTMLElement>('.account')!, c.querySelector<HTMLElement>('.close')!, c.querySelector<HTMLElement>('.name')!]) {
          if (span.scrollWidth > span.clientWidth) expect(span.title, `${at}: ${span.className || 'owner'}`).to.equal(span.textContent);
        }
        const amount = c.querySelector<HTMLElement>('.amount')!;
        expect(amount.scrollWidth, `${at}: ${amount.textContent}`).to.be.at.most(amount.clientWidth);
        expect(c.getBoundingClientRect().right, at).to.be.at.most(el.getBoundingClientRect().right);
        // Its focus ring is whole: no box between it and the card (nor the card's padding) cuts it off.
        const b = c.querySelector<HTMLElement>('.move-btn')!;
        b.focus();
        expect(b.matches(':focus-visible'), at).to.equal(true);
        const cs = getComputedStyle(b);
        const ring = parseFloat(cs.outlineWidth) + parseFloat(cs.outlineOffset);
        expect(ring, at).to.be.greaterThan(0);
        const br = b.getBoundingClientRect();
        for (let box = b.parentElement!; ; box = box.parentElement!) {
          const r = box.getBoundingClientRect();
          if (box === c || getComputedStyle(box).overflow !== 'visible') {
            expect([br.left - ring, br.top - ring], `${at}: ring within ${box.className}`).to.satisfy(([x, y]: number[]) => x >= r.left && y >= r.top);
            expect([br.right + ring, br.bottom + ring], `${at}: ring within ${box.className}`).to.satisfy(([x, y]: number[]) => x <= r.right && y <= r.bottom);
          }
          if (box === c) break;
        }
        // The Move button is a 24 px target at least, whole in its row, at the card height the columns use.
        const btn = c.querySelector('.move-btn')!.getBoundingClientRect();
        expect(Math.min(btn.width, btn.height), `${at}: Move button`).to.be.at.least(24);
        expect(btn.bottom, `${at}: Move button`).to.be.at.most(c.querySelector('.name-row')!.getBoundingClientRect().bottom);
        expect(c.getBoundingClientRect().height, at).to.equal(124);
      }
    }
  });

  it('writes the column headers\' and breakdowns\' counts of deals to check through Intl (1,200, not 1200)', async () => {
    const opps: Opportunity[] = [];
    for (let i = 0; i < 1200; i++) {
      opps.push(deal(`j${i}`, 'st-prospect', { amount: { amount: 5000, currency: 'JPY' } }));
      opps.push(deal(`n${i}`, 'st-qualify', { amount: { amount: -1, currency: 'CNY' } }));
    }
    const el = await mount({ opportunities: opps });
    expect(column(el, 'st-prospect').querySelector('.totals')!.textContent).to.contain('1,200 not converted');
    expect(column(el, 'st-qualify').querySelector('.totals')!.textContent).to.contain('1,200 to check');
    column(el, 'st-qualify').querySelector<HTMLElement>('.totals')!.focus();
    await settle(el);
    await el.updateComplete;
    expect(column(el, 'st-qualify').querySelector('.tooltip')!.textContent).to.contain('1,200 with a negative amount');
  });

  it('says positions and counts of a keyboard move through Intl (1,200, not 1200), en and zh-CN', async () => {
    const opps: Opportunity[] = [deal('q', 'st-qualify')];
    for (let i = 0; i < 1200; i++) opps.push(deal(`p${String(i).padStart(4, '0')}`, 'st-prospect'));
    const el = await mount({ opportunities: opps });
    const last = column(el, 'st-prospect').querySelector<HTMLElement>('.card')!.dataset.id!;
    await focusCard(el, last);
    await press(el, 'End');
    await press(el, 'Space');
    expect(status(el)).to.contain(', position 1,200 of 1,200.');
    await press(el, 'ArrowUp');
    expect(status(el)).to.contain('Over Prospect, position 1,199 of 1,200.');
    await press(el, 'Enter');
    expect(status(el)).to.contain('is now at position 1,199 in Prospect.');
    await focusCard(el, 'q');
    await press(el, 'Space');
    await press(el, 'ArrowLeft');
    expect(status(el)).to.contain('Over Prospect, position 1 of 1,201.');
    await press(el, 'End');
    await press(el, 'Enter');
    expect(status(el)).to.contain('Moved “Deal q” to Prospect, position 1,201.');
    const zh = await mount({ opportunities: opps, locale: 'zh-CN' });
    await focusCard(zh, 'q');
    await press(zh, 'Space');
    await press(zh, 'ArrowLeft');
    expect(status(zh)).to.contain('位于 Prospect，第 1 / 1,201 位。');
  });

  it('shows excluded currencies with a reason, flags negative and absurd amounts, and explains unknown stages', async () => {
    const el = await mount({ opportunities: [
      deal('jpy', 'st-prospect', { amount: { amount: 5_000_000, currency: 'JPY' } }),
      deal('neg', 'st-prospect', { amount: { amount: -5_000, currency: 'CNY' } }),
      deal('huge', 'st-prospect', { amount: { amount: 9e15, currency: 'CNY' } }),
      deal('ok', 'st-prospect', { amount: { amount: 1_000, currency: 'CNY' } }),
      deal('lostling', 'st-gone'),
    ] });
    const prospect = column(el, 'st-prospect');
    const totals = prospect.querySelector('.totals')!.textContent!;
    expect(totals).to.contain('CN¥9000T'); // negative and absurd amounts counted as entered, as the core analytics count them
    expect(totals).to.contain('1 not converted');
    expect(totals).to.contain('2 to check');
    prospect.querySelector<HTMLElement>('.totals')!.focus();
    await settle(el);
    const tip = prospect.querySelector('.tooltip')!.textContent!;
    expect(tip).to.contain('Not included — JPY');
    expect(tip).to.contain('no JPY→CNY rate in FX table “Treasury month-end”');
    expect(tip).to.contain('1 with a negative amount: counted as entered');
    expect(tip).to.contain('1 with an implausibly large amount: counted as entered; check the source data');
    expect(card(el, 'jpy')!.textContent).to.contain('No JPY rate');
    expect(card(el, 'neg')!.textContent).to.contain('Negative amount');
    expect(card(el, 'huge')!.textContent).to.contain('Implausible amount');
    const unknown = column(el, '__unknown__');
    expect(unknown.querySelector('h3')!.textContent).to.equal('Unknown stage');
    expect(unknown.querySelector('.explain')!.textContent).to.contain('not part of “Enterprise deals” (st-gone)');
    // A deal in an unknown stage can be moved back into the pipeline.
    expect(await el.requestMove('lostling', 'st-prospect')).to.equal(true);
    await settle(el);
    expect(root(el).querySelector('.column.unknown')).to.equal(null);
  });

  it('shows defined states: no pipeline, empty pipeline, single deal, loading, error', async () => {
    // (alone: given deals but no pipeline; with nothing given it is in store mode and says how to wire it, see shared/unprovided.test.ts)
    const none = await fixture<KamPipelineBoard>(html`<kam-pipeline-board locale="en" .opportunities=${[]}></kam-pipeline-board>`);
    expect(none.shadowRoot!.textContent).to.contain('No pipeline to show');
    const empty = await mount({ opportunities: [] });
    expect(root(empty).textContent).to.contain('No deals in this pipeline yet.');
    expect(root(empty).querySelectorAll('.column').length).to.equal(5);
    const single = await mount({ opportunities: [deal('only', 'st-won')] });
    expect(column(single, 'st-won').querySelector('.count')!.textContent).to.equal('1 deal');
    const loading = await fixture<KamPipelineBoard>(html`<kam-pipeline-board locale="en" loading></kam-pipeline-board>`);
    expect(loading.shadowRoot!.querySelector('[aria-busy=true]')!.textContent).to.contain('Loading the pipeline');
    const failed = await fixture<KamPipelineBoard>(html`<kam-pipeline-board locale="en" .error=${'Backend unreachable'}></kam-pipeline-board>`);
    expect(failed.shadowRoot!.querySelector('.state.error')!.textContent).to.contain('Backend unreachable');
  });

  it('switches pipelines with the picker', async () => {
    const other = boardPipeline({ id: 'pl-other', name: 'Renewals' });
    const el = await mount({ pipelines: [boardPipeline(), other], opportunities: [deal('x', 'st-prospect'), deal('y', 'st-prospect', { pipelineId: 'pl-other' }), deal('z', 'st-qualify', { pipelineId: 'pl-other' })] });
    const select = root(el).querySelector('select')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['Enterprise deals', 'Renewals']);
    expect(root(el).querySelectorAll('.card').length).to.equal(1);
    select.value = 'pl-other';
    const changed = oneEvent(el, 'kam-pipeline-change');
    select.dispatchEvent(new Event('change'));
    expect((await changed).detail.pipelineId).to.equal('pl-other');
    await settle(el);
    expect(root(el).querySelectorAll('.card').length).to.equal(2);
  });

  it('heads the board with the pipeline\'s name at level 2 with the picker too: under the page\'s h1 the columns\' h3 follow it (axe heading-order)', async () => {
    const other = boardPipeline({ id: 'pl-other', name: 'Renewals' });
    const wrap = await fixture<HTMLDivElement>(html`<div><h1>Sales</h1><kam-pipeline-board style="height: 400px" locale="en"
      .pipelines=${[boardPipeline(), other]} .opportunities=${[deal('x', 'st-prospect')]}></kam-pipeline-board></div>`);
    const el = wrap.querySelector('kam-pipeline-board')!;
    await settle(el);
    expect(root(el).querySelector('select')).to.exist;
    expect([...root(el).querySelectorAll('h2')].map((h) => h.textContent)).to.deep.equal(['Enterprise deals']);
    await expect(wrap).to.be.accessible();
    const select = root(el).querySelector('select')!;
    select.value = 'pl-other';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    expect(root(el).querySelector('h2')!.textContent).to.equal('Renewals');
    // Deeper in the host page's outline: heading-level puts the board's title there, its columns under it.
    wrap.querySelector('h1')!.after(Object.assign(document.createElement('h2'), { textContent: 'Pipelines' }));
    el.setAttribute('heading-level', '3');
    await settle(el);
    expect(root(el).querySelector('h2')!.getAttribute('aria-level')).to.equal('3');
    expect(root(el).querySelector('h3')!.getAttribute('aria-level')).to.equal('4');
    await expect(wrap).to.be.accessible();
  });

  it('shows the account health badge when <kam-health-badge> is loaded', async () => {
    const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board style="height:500px" locale="en" .pipeline=${boardPipeline()}
      .opportunities=${[deal('h', 'st-prospect', { accountId: 'acc-7' }), deal('n', 'st-prospect', { accountId: 'acc-8' })]}
      .health=${{ 'acc-7': { score: 31, band: 'red' } }}></kam-pipeline-board>`);
    await settle(el);
    const badge = card(el, 'h')!.querySelector('kam-health-badge')!;
    expect(badge.getAttribute('score')).to.equal('31');
    await (badge as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(badge.shadowRoot!.textContent).to.contain('31');
    expect(card(el, 'n')!.querySelector('kam-health-badge')).to.equal(null);
  });

  describe('with a store', () => {
    function book(opps: Opportunity[]) {
      return { pipelines: [boardPipeline()], opportunities: opps, accounts: boardAccounts(3), users: boardUsers() };
    }

    it('moves through store.moveStage (optimistic) and follows the store', async () => {
      const store = Store.fromBook(book([deal('s1', 'st-prospect', { accountId: 'acc-1' }), deal('s2', 'st-qualify', { accountId: 'acc-2' })]), { now, fx: boardFx });
      const el = await mount({ store });
      expect(card(el, 's1')!.textContent).to.contain('Account 1');
      const moved = oneEvent(el, 'kam-stage-moved');
      await el.requestMove('s1', 'st-qualify');
      const e = await moved;
      expect(e.detail.entry.op.op).to.equal('moveStage');
      expect(store.get('opportunities', 's1')!.stageId).to.equal('st-qualify');
      await settle(el);
      expect(columnKeyOf(el, 's1')).to.equal('st-qualify');
      // A change from elsewhere (another tab, a sync) shows up live.
      await store.moveStage('s2', 'st-prospect');
      await settle(el);
      expect(columnKeyOf(el, 's2')).to.equal('st-prospect');
    });

    it('keeps focus on the moved card: one node, in its new column, focused and announced once the move is committed', async () => {
      const store = Store.fromBook(book([deal('f1', 'st-prospect', { accountId: 'acc-1' }), deal('f2', 'st-qualify', { accountId: 'acc-2' })]), { now, fx: boardFx });
      const el = await mount({ store });
      await focusCard(el, 'f1');
      await press(el, 'Space');
      await press(el, 'ArrowRight');
      const focusins: string[] = [];
      root(el).addEventListener('focusin', (e) => focusins.push((e.target as HTMLElement).dataset.id ?? (e.target as HTMLElement).tagName));
      const moved = oneEvent(el, 'kam-stage-moved');
      await sendKeys({ press: 'Enter' });
      await moved;
      // When kam-stage-moved fires the board already shows the move: listeners see the card where it went.
      expect(columnKeyOf(el, 'f1')).to.equal('st-qualify');
      await settle(el);
      expect(store.get('opportunities', 'f1')!.stageId).to.equal('st-qualify');
      expect(root(el).querySelectorAll('.card[data-id="f1"]')).to.have.length(1);
      expect(column(el, 'st-prospect').querySelector('.card[data-id="f1"]')).to.equal(null);
      const active = root(el).activeElement as HTMLElement;
      expect(active.dataset.id).to.equal('f1');
      expect(active.closest<HTMLElement>('.column')!.dataset.key).to.equal('st-qualify');
      expect(active.tabIndex).to.equal(0);
      expect(document.activeElement === el, `the focus in the board, not on ${describeEl(document.activeElement)}`).to.equal(true);
      // Focus came back once, to the card itself (not via another element).
      expect(focusins).to.deep.equal(['f1']);
      expect(status(el)).to.contain('Moved “Deal f1” to Qualify');
      // Arrow keys go on from the card's new place.
      await press(el, 'ArrowDown');
      expect((root(el).activeElement as HTMLElement).dataset.id).to.equal('f2');
    });

    it('finds the store through <kam-provider> and stays live', async () => {
      const store = Store.fromBook(book([deal('p1', 'st-prospect'), deal('p2', 'st-qualify')]), { now, fx: boardFx });
      const wrap = await fixture<HTMLElement>(html`<kam-provider .store=${store} locale="zh-CN" hide-status>
        <kam-pipeline-board style="height:500px"></kam-pipeline-board></kam-provider>`);
      const el = wrap.querySelector('kam-pipeline-board')!;
      await settle(el);
      expect(columnKeyOf(el, 'p1')).to.equal('st-prospect');
      expect(column(el, 'st-prospect').querySelector('.count')!.textContent).to.equal('1 个商机');
      await store.moveStage('p1', 'st-lost', { reason: '预算取消', date: '2026-11-20' });
      await settle(el);
      expect(columnKeyOf(el, 'p1')).to.equal('st-lost');
    });

    it('a keyboard move rolled back at once puts the card back whole, and it moves again', async () => {
      const store = Store.fromBook(book([deal('r1', 'st-prospect', { accountId: 'acc-1' }), deal('r2', 'st-qualify', { accountId: 'acc-2' })]), { now, fx: boardFx });
      const el = await mount({ store });
      await focusCard(el, 'r1');
      await press(el, 'Space');
      await press(el, 'ArrowRight');
      const moved = oneEvent(el, 'kam-stage-moved');
      await sendKeys({ press: 'Enter' });
      await moved;
      store.rollback('opportunities', 'r1', deal('r1', 'st-prospect', { accountId: 'acc-1' }));
      await settle(el);
      expect(root(el).querySelectorAll('.card[data-id="r1"]')).to.have.length(1);
      expect(columnKeyOf(el, 'r1')).to.equal('st-prospect');
      expect(card(el, 'r1')!.textContent).to.contain('Deal r1');
      expect(card(el, 'r1')!.textContent).to.contain('Account 1');
      await focusCard(el, 'r1');
      await press(el, 'Space');
      await press(el, 'ArrowRight');
      await press(el, 'Enter');
      expect(root(el).querySelectorAll('.card[data-id="r1"]')).to.have.length(1);
      expect(columnKeyOf(el, 'r1')).to.equal('st-qualify');
      expect((root(el).activeElement as HTMLElement).dataset.id).to.equal('r1');
      expect(card(el, 'r1')!.textContent).to.contain('Deal r1');
    });

    it('shows a write conflict with both versions, and a rollback, on the card', async () => {
      const store = Store.fromBook(book([deal('c1', 'st-prospect', { updatedAt: '2026-11-20T00:00:00Z' })]), { now, fx: boardFx });
      const el = await mount({ store });
      await el.requestMove('c1', 'st-qualify');
      await settle(el);
      const local = store.get('opportunities', 'c1')!;
      const server = { ...local, stageId: 'st-lost', amount: { amount: 80_000, currency: 'CNY' }, updatedAt: '2026-11-22T10:00:00Z' };
      const entry: OutboxEntry = { idempotencyKey: 'k-1', op: { op: 'moveStage', entity: 'opportunities', id: 'c1', toStageId: 'st-qualify', idempotencyKey: 'k-1' }, state: 'conflict', attempts: 1, createdAt: FIXTURE_NOW };
      store.emitWrite({ entry, conflict: { server, local } });
      await settle(el);
      const notice = card(el, 'c1')!.querySelector('.notice.conflict')!;
      expect(notice.textContent).to.contain('Someone else changed this deal');
      expect(notice.querySelector('dd')!.textContent).to.contain('Lost');
      expect(notice.querySelector('dd')!.textContent).to.contain('CN¥80,000');
      expect(notice.querySelectorAll('dd')[1].textContent).to.contain('Qualify');
      expect(alertText(el)).to.contain('Conflict on “Deal c1”');
      const dismiss = [...notice.querySelectorAll('button')].find((b) => b.textContent === 'Dismiss')!;
      dismiss.click();
      await settle(el);
      expect(card(el, 'c1')!.querySelector('.notice')).to.equal(null);
      // The same conflict again: "Use their version" tells the page (cancellable) and clears the notice.
      // This store has no sync engine to send "mine" again, so only their version is offered.
      store.emitWrite({ entry, conflict: { server, local } });
      await settle(el);
      const choices = [...card(el, 'c1')!.querySelectorAll('.notice.conflict button')].map((b) => b.textContent);
      expect(choices).to.deep.equal(['Use their version', 'Dismiss']);
      const resolved = oneEvent(el, 'kam-conflict-resolve');
      (card(el, 'c1')!.querySelector('.notice.conflict button') as HTMLButtonElement).click();
      const r = await resolved;
      expect(r.detail).to.include({ idempotencyKey: 'k-1', resolution: 'theirs' });
      expect(r.detail.opportunity.id).to.equal('c1');
      await settle(el);
      expect(card(el, 'c1')!.querySelector('.notice')).to.equal(null);
      // A rollback: the store restores the old record and reports why.
      store.rollback('opportunities', 'c1', deal('c1', 'st-prospect'));
      store.emitWrite({ entry: { ...entry, state: 'rolled_back', lastError: 'HTTP 422: stage locked' } });
      await settle(el);
      expect(columnKeyOf(el, 'c1')).to.equal('st-prospect');
      expect(card(el, 'c1')!.querySelector('.notice.rolled_back')!.textContent).to.contain('HTTP 422: stage locked');
    });

    it('a move the backend refuses for good (HTTP 422: the engine rolls it back, state failed) leaves no "Saving…" chip, and the card says it was not saved, not "not saved yet"', async () => {
      let store!: Store;
      let refuse!: () => void;
      // What the sync engine does with a permanent failure: the record rolled back, then `failed`.
      const writes = { enqueue: async (op: OutboxEntry['op'], before: unknown) => {
        const entry: OutboxEntry = { idempotencyKey: op.idempotencyKey, op, before, state: 'pending', attempts: 0, createdAt: FIXTURE_NOW };
        store.emitWrite({ entry });
        refuse = () => {
          store.rollback('opportunities', 'rf', before as Opportunity);
          store.emitWrite({ entry: { ...entry, state: 'failed', attempts: 1, lastError: 'HTTP 422: stage locked' } });
        };
        return entry;
      } };
      store = Store.fromBook(book([deal('rf', 'st-prospect', { accountId: 'acc-1' })]), { now, fx: boardFx, writes });
      const el = await mount({ store });
      await el.requestMove('rf', 'st-qualify');
      await settle(el);
      expect(card(el, 'rf')!.querySelector('.chip.saving')?.textContent).to.equal('Saving…');
      refuse();
      await settle(el);
      expect(columnKeyOf(el, 'rf')).to.equal('st-prospect');
      expect(card(el, 'rf')!.querySelector('.chip.saving') === null, 'no Saving… chip after the write failed for good').to.equal(true);
      const notice = card(el, 'rf')!.querySelector('.notice')!.textContent!;
      expect(notice).to.contain('could not be saved: HTTP 422: stage locked');
      expect(notice).not.to.contain('yet');
    });

    it('while a move saves ("Saving…"), the ⋯ button and the close dialog\'s Confirm stay enabled and focus stays on the card, not the page body', async () => {
      let store!: Store;
      const held: Array<() => void> = [];
      // A sync engine whose sends take their time: each write stays pending until released.
      const writes = { enqueue: (op: OutboxEntry['op'], before: unknown) => {
        const entry: OutboxEntry = { idempotencyKey: op.idempotencyKey, op, before, state: 'pending', attempts: 0, createdAt: FIXTURE_NOW };
        store.emitWrite({ entry });
        return new Promise<OutboxEntry>((r) => held.push(() => { const done = { ...entry, state: 'confirmed' as const }; store.emitWrite({ entry: done }); r(done); }));
      } };
      store = Store.fromBook(book([deal('sv', 'st-prospect', { accountId: 'acc-1' })]), { now, fx: boardFx, writes });
      const el = await mount({ store });
      const onCard = (what: string) => {
        expect(document.activeElement?.tagName, what).to.equal('KAM-PIPELINE-BOARD');
        expect((root(el).activeElement as HTMLElement | null)?.dataset.id, what).to.equal('sv');
      };
      const btn = () => card(el, 'sv')!.querySelector<HTMLButtonElement>('.move-btn')!;
      btn().focus();
      await press(el, 'Enter');
      await press(el, 'Enter'); // Qualify
      expect(card(el, 'sv')!.querySelector('.chip.saving')!.textContent).to.equal('Saving…');
      onCard('after a menu move, saving');
      expect(btn().disabled).to.equal(false);
      // Again while the first still saves: to Lost, through the dialog, confirmed from the keyboard.
      btn().focus();
      await press(el, 'Enter');
      await press(el, 'End');
      await press(el, 'Enter');
      await sendKeys({ type: 'Budget cut' });
      const confirm = root(el).querySelector<HTMLButtonElement>('dialog.close-dialog button.primary')!;
      confirm.focus();
      await press(el, 'Enter');
      expect(confirm.disabled).to.equal(false);
      expect(root(el).querySelector('dialog.close-dialog')).to.equal(null);
      expect(columnKeyOf(el, 'sv')).to.equal('st-lost');
      onCard('after the dialog closed, saving');
      for (const release of held) release();
      await settle(el);
      expect(card(el, 'sv')!.querySelector('.chip.saving')).to.equal(null);
      onCard('once saved');
    });

    it('choosing a side of a conflict from the keyboard leaves focus on the card, not on the page body; the notice\'s buttons are 24 px targets', async () => {
      const retried: string[] = [];
      const writes = { enqueue: async () => { throw new Error('not used'); }, retryConflict: async (_key: string, r: string) => { retried.push(r); } };
      const store = Store.fromBook(book([deal('k1', 'st-prospect', { updatedAt: '2026-11-20T00:00:00Z' })]), { now, fx: boardFx });
      const el = await mount({ store });
      const local = store.get('opportunities', 'k1')!;
      const entry: OutboxEntry = { idempotencyKey: 'k-2', op: { op: 'moveStage', entity: 'opportunities', id: 'k1', toStageId: 'st-qualify', idempotencyKey: 'k-2' }, state: 'conflict', attempts: 1, createdAt: FIXTURE_NOW };
      store.writes = writes;
      for (const choice of ['Use their version', 'Keep mine']) {
        store.emitWrite({ entry, conflict: { server: { ...local, stageId: 'st-lost' }, local } });
        await settle(el);
        const buttons = [...card(el, 'k1')!.querySelectorAll<HTMLElement>('.notice button')];
        // Touch targets of 24 px at least.
        for (const b of buttons) expect(b.getBoundingClientRect().height, b.textContent!).to.be.at.least(24);
        buttons.find((b) => b.textContent === choice)!.focus();
        await press(el, 'Enter');
        expect(card(el, 'k1')!.querySelector('.notice'), choice).to.equal(null);
        // (Compared by name: chai's message for a failed equal on the board itself walks the whole store.)
        expect(document.activeElement?.tagName, choice).to.equal('KAM-PIPELINE-BOARD');
        expect((root(el).activeElement as HTMLElement | null)?.dataset.id, choice).to.equal('k1');
      }
      expect(retried).to.deep.equal(['theirs', 'mine']);
    });
  });

  it('is accessible (axe) in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await mount({ theme, opportunities: [
        deal('a', 'st-prospect', { stageHistory: [{ stageId: 'st-prospect', enteredAt: '2026-09-01T00:00:00Z' }] }),
        deal('b', 'st-qualify', { amount: { amount: -1, currency: 'CNY' }, nextStep: { text: 'x', dueDate: '2026-01-01', done: false } }),
        deal('c', 'st-won', { amount: { amount: 5, currency: 'JPY' }, nextStep: { text: 'x', done: true } }),
        deal('d', 'st-nowhere'),
      ] });
      await el.requestMove('a', 'st-proposal');
      await settle(el);
      await expect(el).to.be.accessible();
    }
  });

  it('speaks Simplified Chinese', async () => {
    const el = await mount({ locale: 'zh-CN', opportunities: [deal('z', 'st-prospect', { nextStep: undefined }), deal('z2', 'st-prospect', { amount: { amount: 1, currency: 'JPY' } }),
      deal('z3', 'st-qualify', { nextStep: { text: 'x', dueDate: '2026-12-07', done: false } })] });
    expect(card(el, 'z3')!.textContent).to.contain('下一步：14 天后到期'); // was "下一步 14天后 到期"
    expect(column(el, 'st-prospect').querySelector('.count')!.textContent).to.equal('2 个商机');
    expect(root(el).textContent).to.contain('合计');
    expect(root(el).textContent).to.contain('加权');
    expect(card(el, 'z')!.textContent).to.contain('无下一步');
    expect(card(el, 'z')!.textContent).to.contain('预计成交 2026/12/31');
    expect(card(el, 'z2')!.textContent).to.contain('无 JPY 汇率');
    await el.requestMove('z', 'st-proposal');
    await settle(el);
    const notice = card(el, 'z')!.querySelector('.notice')!.textContent!;
    expect(notice).to.contain('无法移至 Proposal');
    expect(notice).to.contain('此管道不允许跳过阶段。');
    expect(notice).to.contain('请先填写“下一步”。');
    expect(notice).to.contain('请先勾选“Demo given”。');
    await focusCard(el, 'z2');
    await press(el, 'Space');
    expect(status(el)).to.contain('已拿起');
  });

  it('renders script-injection payloads in stage, account, deal names and currency codes as inert text', async () => {
    const w = window as unknown as { __kamXss?: number };
    delete w.__kamXss;
    const payloads = xssPayloads.slice(0, 24);
    const stages = boardPipeline().stages.map((s, i) => ({ ...s, name: payloads[i] }));
    const pipeline = boardPipeline({ stages, name: payloads[6] });
    const opps = payloads.map((p, i) => deal(`x${i}`, i === 5 ? `<img src=x onerror=window.__kamXss=1>` : stages[i % 3].id, {
      name: p, accountId: `acc-x${i}`, ownerId: p,
      amount: { amount: 1000, currency: i % 4 === 0 ? p : 'CNY' },
      nextStep: { text: p, done: false }, custom: { budget: p },
    }));
    const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board style="height:600px" locale="en" card-fields="custom.budget"
      .pipeline=${pipeline} .opportunities=${opps} .accounts=${payloads.map((p, i) => ({ id: `acc-x${i}`, name: p, tags: [], sourceIds: {} }))}></kam-pipeline-board>`);
    await settle(el);
    await el.requestMove('x1', stages[4].id);
    await settle(el);
    await wait(50);
    expect(w.__kamXss).to.equal(undefined);
    const sr = root(el);
    expect(sr.querySelector('img, script, svg, iframe, object, embed, math, style, portal')).to.equal(null);
    expect(sr.textContent).to.contain('<script>');
    expect(sr.textContent).to.contain('Unknown stage');
  });
});
