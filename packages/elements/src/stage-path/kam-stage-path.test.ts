import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Store, type Opportunity, type OutboxEntry, type Pipeline } from '@kamkit/core';
import './define.js';
import type { KamStagePath } from './kam-stage-path.js';
import { boardPipeline, deal, FIXTURE_NOW } from '../pipeline-board/fixtures.js';
import { xssPayloads } from '../../../../tests/fixtures/xss-payloads.js';
import { describeEl } from '../shared/test-wait.js';

const now = () => new Date(FIXTURE_NOW);

async function mount(opportunity: Opportunity, opts: { pipeline?: Pipeline; locale?: string; theme?: 'light' | 'dark' } = {}): Promise<KamStagePath> {
  const el = await fixture<KamStagePath>(html`<kam-stage-path locale=${opts.locale ?? 'en'} theme=${opts.theme ?? 'light'}
    .opportunity=${opportunity} .pipeline=${opts.pipeline ?? boardPipeline()}></kam-stage-path>`);
  (el as unknown as { now: () => Date }).now = now;
  el.requestUpdate();
  await el.updateComplete;
  return el;
}

const root = (el: KamStagePath) => el.shadowRoot!;
const steps = (el: KamStagePath) => [...root(el).querySelectorAll<HTMLElement>('.path .step')];
const status = (el: KamStagePath) => root(el).querySelector('[role=status][aria-live]')!.textContent!;

/** A deal in Qualify that spent 10 days in Prospect and has been in Qualify for 3 days. */
function qualifying(overrides: Partial<Opportunity> = {}): Opportunity {
  return deal('p1', 'st-qualify', {
    name: 'Smart factory rollout',
    stageHistory: [
      { stageId: 'st-prospect', enteredAt: '2026-11-10T09:00:00Z', leftAt: '2026-11-20T09:00:00Z' },
      { stageId: 'st-qualify', enteredAt: '2026-11-20T09:00:00Z' },
    ],
    ...overrides,
  });
}

describe('kam-stage-path', () => {
  it('shows the stages as a path with the current one marked and the time spent in each', async () => {
    const el = await mount(qualifying());
    const list = root(el).querySelector('ol.path')!;
    expect(list).to.exist;
    const s = steps(el);
    expect(s.map((x) => x.querySelector('.step-name')!.textContent)).to.deep.equal(['Prospect', 'Qualify', 'Proposal', 'Closed']);
    expect(s[1].getAttribute('aria-current')).to.equal('step');
    expect(s.filter((x) => x.hasAttribute('aria-current'))).to.have.length(1);
    expect(s[0].classList.contains('done')).to.equal(true);
    expect(s[0].textContent).to.contain('Time in stage: 10 d');
    expect(s[0].textContent).to.contain('completed');
    expect(s[1].textContent).to.contain('Time in stage: 3 d');
    expect(s[1].textContent).to.contain('current stage');
    expect(s[2].classList.contains('upcoming')).to.equal(true);
    expect(s[3].textContent).to.contain('Won / Lost');
    // Chevrons: each step is notched on the left where the one before points in, but the first.
    const wide = await fixture<HTMLDivElement>(html`<div style="width: 800px"></div>`);
    wide.append(el);
    await el.updateComplete;
    const clip = (x: HTMLElement) => getComputedStyle(x).clipPath;
    expect(clip(steps(el)[0])).to.contain('polygon').and.not.match(/, 10px 50%\)$/);
    expect(clip(steps(el)[1])).to.match(/, 10px 50%\)$/);
  });

  it('shows the current stage guidance, key fields and checklist, and what is missing for the next stage', async () => {
    const el = await mount(qualifying({ amount: { amount: 250_000, currency: 'CNY' } }));
    const details = root(el).querySelector('.details')!;
    expect(details.textContent).to.contain('Confirm budget, authority, need and timing.');
    expect(details.textContent).to.contain('Amount');
    expect(details.textContent).to.contain('CN¥250,000');
    expect(details.textContent).to.contain('Close date');
    expect(details.textContent).to.contain('Dec 31, 2026');
    const next = root(el).querySelector('.next')!;
    expect(next.querySelector('h3')!.textContent).to.equal('To enter Proposal');
    const missing = [...next.querySelectorAll('.missing li')].map((li) => li.textContent);
    expect(missing).to.have.length(3);
    expect(missing.join(' ')).to.contain('Fill in Next step');
    expect(missing.join(' ')).to.contain('Fill in Budget');
    expect(missing.join(' ')).to.contain('Tick “Demo given”');
  });

  it('says nothing of a checklist for a stage with none: the only checklist is the next stage\'s, under its heading (en, zh-CN)', async () => {
    // Qualify has no checklist. "Checklist / Nothing to tick for this stage." stood right above the
    // next stage's box (Demo given) and read as if the box were a second, contradicting list of it.
    for (const [locale, headings, next] of [['en', ['Guidance', 'Key fields'], 'To enter Proposal'], ['zh-CN', ['指导', '关键字段'], '进入 Proposal 所需']] as const) {
      const el = await mount(qualifying(), { locale });
      const details = root(el).querySelector('.details')!;
      expect([...details.querySelectorAll('h3')].map((h) => h.textContent), locale).to.deep.equal(headings);
      expect(details.textContent, locale).not.to.contain('Nothing to tick').and.not.to.contain('无需勾选');
      const boxes = [...root(el).querySelectorAll('input[type=checkbox]')];
      expect(boxes.map((b) => b.closest('.next')?.querySelector('h3')?.textContent), locale).to.deep.equal([next]);
    }
    // A stage with its own checklist still shows it among the current stage's details.
    const el = await mount(qualifying({ stageId: 'st-proposal', checklist: { demo: true }, stageHistory: [{ stageId: 'st-proposal', enteredAt: '2026-11-20T09:00:00Z' }] }));
    const details = root(el).querySelector('.details')!;
    expect([...details.querySelectorAll('h3')].map((h) => h.textContent)).to.include('Checklist');
    const box = details.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect([box.closest('label')!.textContent!.trim(), box.checked]).to.deep.equal(['Demo given', true]);
  });

  it('ticks a checklist item: emits kam-checklist-toggle and the missing list shrinks', async () => {
    const el = await mount(qualifying({ nextStep: { text: 'Book demo', done: false }, custom: { budget: '1M' } }));
    const box = root(el).querySelector<HTMLInputElement>('.next input[type=checkbox]')!;
    expect(box.closest('label')!.textContent).to.contain('Demo given');
    const toggled = oneEvent(el, 'kam-checklist-toggle');
    box.click();
    const e = await toggled;
    expect(e.detail).to.include({ itemId: 'demo', checked: true });
    expect(e.cancelable).to.equal(true);
    await el.updateComplete;
    expect(el.opportunity!.checklist.demo).to.equal(true);
    expect(root(el).querySelector('.next .missing')).to.equal(null);
    expect(root(el).querySelector('.next .ready')!.textContent).to.equal('Everything needed to enter Proposal is in place.');
    expect(status(el)).to.contain('“Demo given” ticked');
  });

  it('ticking the next stage\'s item from the keyboard keeps focus on its box (ticked, still there), not the page; each item a 24 px target', async () => {
    const el = await mount(qualifying({ nextStep: { text: 'Book demo', done: false }, custom: { budget: '1M' } }));
    const box = root(el).querySelector<HTMLInputElement>('.next input[type=checkbox]')!;
    expect(box.closest('label')!.getBoundingClientRect().height).to.be.at.least(24);
    box.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(el.opportunity!.checklist.demo).to.equal(true);
    // (Compared by name: chai's message for a failed equal on the element walks its whole state.)
    expect(document.activeElement?.tagName, 'focus stays in the path').to.equal('KAM-STAGE-PATH');
    const now = root(el).activeElement as HTMLInputElement;
    expect(now?.type).to.equal('checkbox');
    expect(now.checked).to.equal(true);
    expect(now.closest('label')!.textContent).to.contain('Demo given');
    // Untick it again from the keyboard: it goes on working.
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    expect(el.opportunity!.checklist.demo).to.equal(false);
    expect(root(el).activeElement === now, 'still on the box').to.equal(true);
  });

  it('moves to the next stage through the cancellable event and the rules', async () => {
    const el = await mount(qualifying({ nextStep: { text: 'Book demo', done: false }, custom: { budget: '1M' }, checklist: { demo: true } }));
    const button = root(el).querySelector<HTMLButtonElement>('.next button')!;
    expect(button.textContent!.trim()).to.equal('Move to Proposal');
    // A page listener may stop it.
    const stop = (e: Event) => e.preventDefault();
    el.addEventListener('kam-stage-move', stop, { once: true });
    button.click();
    await el.updateComplete;
    expect(el.opportunity!.stageId).to.equal('st-qualify');
    expect(status(el)).to.contain('stopped by the page');
    const moved = oneEvent(el, 'kam-stage-moved');
    button.click();
    const e = await moved;
    expect(e.detail.from.id).to.equal('st-qualify');
    expect(e.detail.to.id).to.equal('st-proposal');
    await el.updateComplete;
    expect(el.opportunity!.stageId).to.equal('st-proposal');
    expect(steps(el)[2].getAttribute('aria-current')).to.equal('step');
    expect(steps(el)[1].classList.contains('done')).to.equal(true);
  });

  it('refuses a move whose criteria are missing and says why', async () => {
    const el = await mount(qualifying());
    let moved = false;
    el.addEventListener('kam-stage-moved', () => { moved = true; });
    expect(await el.requestMove('st-proposal')).to.equal(false);
    await el.updateComplete;
    expect(moved).to.equal(false);
    expect(status(el)).to.contain('Cannot move “Smart factory rollout” to Proposal');
  });

  it('refusing a move to a won / lost stage lists only what blocks it, not the reason and date its dialog would ask for', async () => {
    const pipeline = boardPipeline();
    pipeline.stages[3] = { ...pipeline.stages[3], entryCriteria: { requiredFields: [], checklist: [{ id: 'signed', label: 'Contract signed' }] } };
    const el = await mount(deal('p2', 'st-proposal', { name: 'Plant upgrade' }), { pipeline });
    expect(await el.requestMove('st-won')).to.equal(false);
    await el.updateComplete;
    expect(root(el).querySelector('dialog'), 'no dialog: the move is blocked').to.equal(null);
    // The user can act on this one; the date has nowhere to be given until the dialog opens.
    expect(root(el).querySelector('[part=refusal]')!.textContent!.trim()).to.equal('Cannot move “Plant upgrade” to Won: Tick “Contract signed” before moving to Won.');
  });

  it('shows a refused or stopped move next to the button, not only to screen readers, until the deal or its stage changes', async () => {
    const el = await mount(qualifying());
    const button = () => root(el).querySelector<HTMLButtonElement>('.next button')!;
    const shown = () => root(el).querySelector<HTMLElement>('[part=refusal]');
    expect(shown()).to.equal(null);
    button().focus();
    button().click();
    await el.updateComplete;
    // Seen where the user pressed, and still said in the live region.
    expect(shown(), 'a visible refusal').to.exist;
    expect(shown()!.checkVisibility()).to.equal(true);
    expect(shown()!.textContent).to.contain('Cannot move “Smart factory rollout” to Proposal');
    expect(shown()!.textContent).to.contain('Fill in Budget');
    expect(status(el)).to.contain('Cannot move “Smart factory rollout” to Proposal');
    expect(root(el).activeElement === button(), `the focus stays on the button pressed, not ${describeEl(root(el).activeElement)}`).to.equal(true);
    await expect(el).to.be.accessible();
    // The deal changed (a field filled in): the refusal no longer holds and goes.
    el.opportunity = { ...el.opportunity!, custom: { budget: '1M' } };
    await el.updateComplete;
    expect(shown()).to.equal(null);
    // A page listener stopping the move is shown too.
    el.addEventListener('kam-stage-move', (e) => e.preventDefault(), { once: true });
    el.opportunity = { ...el.opportunity!, nextStep: { text: 'Demo', done: false }, checklist: { demo: true } };
    await el.updateComplete;
    button().click();
    await el.updateComplete;
    expect(shown()!.textContent).to.contain('The move of “Smart factory rollout” to Proposal was stopped by the page.');
    // Another deal: gone.
    el.opportunity = qualifying({ id: 'p2', name: 'Other' });
    await el.updateComplete;
    expect(shown()).to.equal(null);
    // In Chinese, with full-width punctuation.
    const zh = await mount(qualifying(), { locale: 'zh-CN' });
    zh.shadowRoot!.querySelector<HTMLButtonElement>('.next button')!.click();
    await zh.updateComplete;
    expect(zh.shadowRoot!.querySelector('[part=refusal]')!.textContent).to.contain('无法将“Smart factory rollout”移至 Proposal：');
    expect(zh.shadowRoot!.querySelector('[part=refusal]')!.textContent, 'sentences run on, no space').to.contain('请先填写“下一步”。请先填写');
  });

  it('words a refusal shown by the button in the language of the moment: after a switch from en to zh-CN it follows', async () => {
    const el = await mount(qualifying());
    const shown = () => root(el).querySelector<HTMLElement>('[part=refusal]')!.textContent!;
    expect(await el.requestMove('st-proposal')).to.equal(false);
    await el.updateComplete;
    expect(shown()).to.contain('Cannot move “Smart factory rollout” to Proposal: Fill in');
    el.setAttribute('locale', 'zh-CN');
    await el.updateComplete;
    expect(shown()).to.contain('无法将“Smart factory rollout”移至 Proposal：');
    expect(shown(), 'its reasons too').to.contain('请先填写“下一步”。请先填写');
    // …and back, for a move the page stopped
    el.addEventListener('kam-stage-move', (e) => e.preventDefault(), { once: true });
    await el.requestMove('st-proposal');
    await el.updateComplete;
    expect(shown()).to.equal('页面阻止了将“Smart factory rollout”移至 Proposal。');
    el.setAttribute('locale', 'en');
    await el.updateComplete;
    expect(shown()).to.equal('The move of “Smart factory rollout” to Proposal was stopped by the page.');
  });

  it('shows a move the store could not make, in the element\'s language', async () => {
    const store = Store.fromBook({ pipelines: [boardPipeline()], opportunities: [qualifying({ nextStep: { text: 'Demo', done: false }, custom: { budget: '1M' }, checklist: { demo: true } })] }, { now });
    store.moveStage = () => Promise.reject(new Error('Disk full'));
    for (const locale of ['en', 'zh-CN']) {
      const el = await fixture<KamStagePath>(html`<kam-stage-path locale=${locale} opportunity-id="p1" .store=${store}></kam-stage-path>`);
      expect(await el.requestMove('st-proposal')).to.equal(false);
      await el.updateComplete;
      const shown = root(el).querySelector('[part=refusal]')!;
      expect(shown.textContent).to.contain('Disk full');
      expect(shown.textContent).to.contain(locale === 'en' ? 'Could not move “Smart factory rollout” to Proposal' : '无法将“Smart factory rollout”移至 Proposal：Disk full');
      expect(status(el)).to.contain('Disk full');
      expect(root(el).querySelector('.next button')!.hasAttribute('disabled')).to.equal(false);
    }
  });

  it('says when a move it made is not kept: a sync conflict shows their version, a failed write is undone (en, zh-CN)', async () => {
    for (const [locale, conflictText, failedText] of [
      ['en', 'Your move of “Smart factory rollout” to Proposal was not saved: someone else changed the deal meanwhile. It shows their version (Lost).',
        'Your move of “Smart factory rollout” to Proposal could not be saved and was undone: 403 Forbidden'],
      ['zh-CN', '“Smart factory rollout”移至 Proposal 未保存：有人同时修改了此商机，现显示对方的版本（Lost）。',
        '“Smart factory rollout”移至 Proposal 无法保存，已撤销：403 Forbidden'],
    ]) {
      const ready = qualifying({ nextStep: { text: 'Demo', done: false }, custom: { budget: '1M' }, checklist: { demo: true } });
      const store = Store.fromBook({ pipelines: [boardPipeline()], opportunities: [ready] }, { now });
      const el = await fixture<KamStagePath>(html`<kam-stage-path locale=${locale} opportunity-id="p1" .store=${store}></kam-stage-path>`);
      const shown = () => root(el).querySelector('[part=refusal]');
      const move = async () => {
        const moved = oneEvent(el, 'kam-stage-moved');
        expect(await el.requestMove('st-proposal')).to.equal(true);
        return (await moved).detail.entry as OutboxEntry;
      };
      // A conflict, as the sync engine reports one: the server's version is shown, then the event.
      let entry = await move();
      const server = { ...store.get('opportunities', 'p1')!, stageId: 'st-lost', updatedAt: '2026-11-22T10:00:00Z' };
      store.applyServerRecord('opportunities', server, 'remote');
      store.emitWrite({ entry: { ...entry, state: 'conflict' }, conflict: { server, local: ready } });
      await el.updateComplete;
      expect(root(el).querySelector('.step[aria-current=step] .step-name')!.textContent).to.equal('Lost');
      expect(shown()!.textContent, locale).to.equal(conflictText);
      expect(status(el)).to.contain(conflictText);
      // A write the backend refuses for good: the store undoes it, the path says so.
      store.rollback('opportunities', 'p1', ready);
      await el.updateComplete;
      expect(shown(), 'a change of the deal clears it').to.equal(null);
      entry = await move();
      store.rollback('opportunities', 'p1', ready);
      store.emitWrite({ entry: { ...entry, state: 'failed', lastError: '403 Forbidden' } });
      await el.updateComplete;
      expect(root(el).querySelector('.step[aria-current=step] .step-name')!.textContent).to.equal('Qualify');
      expect(shown()!.textContent, locale).to.equal(failedText);
      // Undone with no word from the backend: the sentence ends there, with no dangling colon.
      store.rollback('opportunities', 'p1', ready);
      await el.updateComplete;
      entry = await move();
      store.rollback('opportunities', 'p1', ready);
      store.emitWrite({ entry: { ...entry, state: 'failed', lastError: undefined } });
      await el.updateComplete;
      expect(shown()!.textContent, locale).to.equal(locale === 'en' ? 'Your move of “Smart factory rollout” to Proposal could not be saved and was undone.' : '“Smart factory rollout”移至 Proposal 无法保存，已撤销。');
      // A confirmed write says nothing more.
      entry = await move();
      store.emitWrite({ entry: { ...entry, state: 'confirmed' } });
      await el.updateComplete;
      expect(shown()).to.equal(null);
    }
  });

  it('asks for the won date from the last open stage, then renders the won outcome distinctly', async () => {
    const el = await mount(qualifying({ stageId: 'st-proposal', nextStep: { text: 'Sign', done: false }, custom: { budget: '1M' }, checklist: { demo: true },
      stageHistory: [{ stageId: 'st-proposal', enteredAt: '2026-11-01T00:00:00Z' }] }));
    const button = root(el).querySelector<HTMLButtonElement>('.next button')!;
    expect(button.textContent!.trim()).to.equal('Move to Won');
    button.click();
    await el.updateComplete;
    const dialog = root(el).querySelector<HTMLDialogElement>('dialog.close-dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Date won');
    const moved = oneEvent(el, 'kam-stage-moved');
    (dialog.querySelector('textarea') as HTMLTextAreaElement).value = 'Best TCO';
    dialog.querySelector('form')!.requestSubmit();
    const e = await moved;
    expect(e.detail.input).to.deep.equal({ reason: 'Best TCO', date: '2026-11-23' });
    await el.updateComplete;
    const outcome = root(el).querySelector('.outcome.won')!;
    expect(outcome.textContent).to.contain('Won on Nov 23, 2026');
    expect(outcome.textContent).to.contain('Reason: Best TCO');
    const current = root(el).querySelector('.step[aria-current=step]')!;
    expect(current.classList.contains('kind-won')).to.equal(true);
    expect(current.textContent).to.contain('Won');
    expect(root(el).querySelector('.next')).to.equal(null);
  });

  it('renders a lost deal with its reason', async () => {
    const el = await mount(deal('l', 'st-lost', { lostReason: 'Price', closedAt: '2026-11-02', stageHistory: [
      { stageId: 'st-prospect', enteredAt: '2026-10-01T00:00:00Z', leftAt: '2026-10-05T00:00:00Z' },
      { stageId: 'st-lost', enteredAt: '2026-10-05T00:00:00Z' },
    ] }));
    expect(root(el).querySelector('.outcome.lost')!.textContent).to.contain('Lost on Nov 2, 2026');
    expect(root(el).querySelector('.outcome.lost')!.textContent).to.contain('Reason: Price');
    expect(steps(el).map((s) => s.querySelector('.step-name')!.textContent)).to.deep.equal(['Prospect', 'Qualify', 'Proposal', 'Lost']);
    expect(steps(el)[1].classList.contains('skipped')).to.equal(true);
    expect(steps(el)[3].classList.contains('kind-lost')).to.equal(true);
  });

  it('works from a store by opportunity id: checklist ticks become store updates, moves go through moveStage', async () => {
    const store = Store.fromBook({ pipelines: [boardPipeline()], opportunities: [qualifying({ nextStep: { text: 'Demo', done: false }, custom: { budget: '1M' } })] }, { now });
    const el = await fixture<KamStagePath>(html`<kam-stage-path locale="en" opportunity-id="p1" .store=${store}></kam-stage-path>`);
    root(el).querySelector<HTMLInputElement>('.next input[type=checkbox]')!.click();
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(store.get('opportunities', 'p1')!.checklist.demo).to.equal(true);
    expect(await el.requestMove('st-proposal')).to.equal(true);
    expect(store.get('opportunities', 'p1')!.stageId).to.equal('st-proposal');
    await el.updateComplete;
    expect(root(el).querySelector('.step[aria-current=step] .step-name')!.textContent).to.equal('Proposal');
    const missing = await fixture<KamStagePath>(html`<kam-stage-path locale="en" opportunity-id="nope" .store=${store}></kam-stage-path>`);
    expect(missing.shadowRoot!.textContent).to.contain('Opportunity nope is not loaded.');
  });

  it('keeps keyboard focus in the path after a move from its button: on the next button, or on the outcome once the dialog closed the deal', async () => {
    await import('./actions.js'); // as after any earlier action: the move does not wait for its chunk
    const store = Store.fromBook({ pipelines: [boardPipeline()], opportunities: [qualifying({ nextStep: { text: 'Demo', done: false }, custom: { budget: '1M' }, checklist: { demo: true } })] }, { now });
    const move = store.moveStage.bind(store);
    // The outbox's IndexedDB write takes a task or more: the path renders meanwhile.
    store.moveStage = async (...args) => { await new Promise((r) => setTimeout(r, 10)); return move(...args); };
    const el = await fixture<KamStagePath>(html`<kam-stage-path locale="en" opportunity-id="p1" .store=${store}></kam-stage-path>`);
    const button = () => root(el).querySelector<HTMLButtonElement>('.next button')!;
    const settled = async () => { for (let i = 0; i < 3; i++) { await new Promise((r) => setTimeout(r, 20)); await el.updateComplete; } };
    button().focus();
    button().click();
    await settled();
    expect(store.get('opportunities', 'p1')!.stageId).to.equal('st-proposal');
    expect(button().textContent!.trim()).to.equal('Move to Won');
    // (Booleans: a failed equality of elements makes the runner serialise the store, and stall.)
    expect(root(el).activeElement === button(), 'on the button that moves it on').to.equal(true);
    // Won through the dialog: the button goes with the open stage; focus goes to what happened.
    button().click();
    await settled();
    expect(root(el).querySelector<HTMLDialogElement>('dialog.close-dialog')!.open).to.equal(true);
    const confirm = root(el).querySelector<HTMLButtonElement>('dialog.close-dialog button[type=submit]')!;
    confirm.focus();
    confirm.click();
    await settled();
    expect(store.get('opportunities', 'p1')!.stageId).to.equal('st-won');
    expect(document.activeElement === el, 'not the page').to.equal(true);
    expect(root(el).activeElement === root(el).querySelector('[part=outcome]'), 'on the outcome').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('explains a stage missing from the pipeline, and the empty and error states', async () => {
    const el = await mount(deal('u', 'st-removed'));
    expect(root(el).querySelector('.warn')!.textContent).to.contain('Its stage st-removed is not part of “Enterprise deals”');
    const empty = await fixture<KamStagePath>(html`<kam-stage-path locale="en"></kam-stage-path>`);
    expect(empty.shadowRoot!.textContent).to.contain('No opportunity to show');
    const failed = await fixture<KamStagePath>(html`<kam-stage-path locale="en" .error=${'Timeout'}></kam-stage-path>`);
    expect(failed.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('Timeout');
  });

  it('is accessible (axe) in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await mount(qualifying(), { theme });
      await expect(el).to.be.accessible();
      const lost = await mount(deal('l', 'st-lost', { lostReason: 'Price', closedAt: '2026-11-02' }), { theme });
      await expect(lost).to.be.accessible();
    }
  });

  it('speaks Simplified Chinese', async () => {
    const el = await mount(qualifying(), { locale: 'zh-CN' });
    expect(steps(el)[0].textContent).to.contain('停留时间：10 天');
    expect(steps(el)[1].textContent).to.contain('当前阶段');
    expect(root(el).querySelector('.next h3')!.textContent).to.equal('进入 Proposal 所需'); // a space between Chinese and a Latin name
    expect(root(el).querySelector('.next')!.textContent).to.contain('请先填写“下一步”。');
    // The key fields in the pipeline's own words (fetched with the table, not bundled).
    expect([...root(el).querySelectorAll('.fields dt')].map((dt) => dt.textContent)).to.deep.equal(['金额', '预计成交日期']);
    expect(root(el).querySelector('.next button')!.textContent!.trim()).to.equal('移至 Proposal');
    // What an action says comes with the action's code, in the same language.
    expect(await el.requestMove('st-proposal')).to.equal(false);
    await el.updateComplete;
    expect(status(el)).to.contain('无法将“Smart factory rollout”移至 Proposal');
  });

  it('renders script-injection payloads in stage names, guidance, checklist and deal fields as inert text', async () => {
    const w = window as unknown as { __kamXss?: number };
    delete w.__kamXss;
    const p = boardPipeline();
    const stages = p.stages.map((s, i) => ({
      ...s, name: xssPayloads[i], guidance: xssPayloads[10 + i],
      entryCriteria: { requiredFields: s.entryCriteria.requiredFields, checklist: s.entryCriteria.checklist.map((c) => ({ ...c, label: xssPayloads[20 + i] })) },
    }));
    const el = await mount(qualifying({ name: xssPayloads[30], custom: { budget: xssPayloads[31] }, amount: { amount: 1, currency: xssPayloads[3] } }), { pipeline: { ...p, name: xssPayloads[32], stages } });
    await el.requestMove('st-proposal');
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(w.__kamXss).to.equal(undefined);
    expect(root(el).querySelector('img, script, svg, iframe, object, embed, math, style')).to.equal(null);
    expect(root(el).textContent).to.contain(xssPayloads[0]);
  });
});
