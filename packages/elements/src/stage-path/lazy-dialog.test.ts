// Its own file (its own page): the actions' chunk and the won / lost dialog's module are cached
// once fetched, so each failure below must be the first load of its chunk in this page (the
// actions' test runs first).
import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { KamStagePath } from './kam-stage-path.js';
import { withFailingPart } from '../pipeline-board/test-parts.js';
import { actionsLoader } from './actions-loader.js';
import { boardPipeline, deal, FIXTURE_NOW } from '../pipeline-board/fixtures.js';

async function mount(locale: string): Promise<KamStagePath> {
  const el = await fixture<KamStagePath>(html`<kam-stage-path locale=${locale} .pipeline=${boardPipeline()}
    .opportunity=${deal('p1', 'st-proposal', { checklist: { demo: true }, stageHistory: [{ stageId: 'st-proposal', enteredAt: '2026-11-01T00:00:00Z' }] })}></kam-stage-path>`);
  (el as unknown as { now: () => Date }).now = () => new Date(FIXTURE_NOW);
  el.requestUpdate();
  await el.updateComplete;
  return el;
}

describe('kam-stage-path actions, loaded on demand', () => {
  it('says so when the actions cannot be fetched (en and zh-CN), undoes the untick, and acts on the next try', async () => {
    const el = await mount('en');
    const zh = await mount('zh-CN');
    const box = (x: KamStagePath) => x.shadowRoot!.querySelector<HTMLInputElement>('.details .checklist input[type=checkbox]')!;
    const real = actionsLoader.load;
    actionsLoader.load = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    let toggled = false;
    el.addEventListener('kam-checklist-toggle', () => { toggled = true; });
    const demo = box(el);
    expect(demo.checked).to.equal(true);
    try {
      demo.click(); // unticks it
      await el.updateComplete;
      expect(await zh.requestMove('st-won')).to.equal(false);
      await zh.updateComplete;
    } finally {
      actionsLoader.load = real;
    }
    const shown = el.shadowRoot!.querySelector('[part="part-error"]');
    expect(shown, 'a visible message').to.exist;
    expect(shown!.getAttribute('role')).to.equal('alert');
    expect(shown!.textContent).to.contain('This action could not be loaded');
    expect(shown!.textContent).to.contain('Failed to fetch dynamically imported module');
    expect(zh.shadowRoot!.querySelector('[part="part-error"]')!.textContent).to.contain('此操作无法加载');
    expect(demo.checked, 'the untick is undone').to.equal(true);
    expect(toggled, 'no event for what did not happen').to.equal(false);
    expect(el.shadowRoot!.querySelector('.next button')!.hasAttribute('disabled'), 'the buttons work again').to.equal(false);
    await expect(el).to.be.accessible();

    // The next try fetches the actions: the untick is made and the message goes.
    box(el).click();
    await el.updateComplete;
    expect(toggled).to.equal(true);
    expect(el.opportunity!.checklist.demo).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part="part-error"]')).to.equal(null);
  });
});

describe('kam-stage-path won / lost dialog, loaded on demand', () => {
  it('says so when the dialog cannot be fetched (en and zh-CN), and opens it on the next try', async () => {
    const el = await mount('en');
    const zh = await mount('zh-CN');
    const move = (x: KamStagePath) => x.shadowRoot!.querySelector<HTMLButtonElement>('.next button')!;
    await withFailingPart('dialog', async () => {
      move(el).click();
      await el.updateComplete;
      move(zh).click();
      await zh.updateComplete;
    });
    const shown = el.shadowRoot!.querySelector('[part="part-error"]');
    expect(shown, 'a visible message').to.exist;
    expect(shown!.getAttribute('role')).to.equal('alert');
    expect(shown!.textContent).to.contain('Failed to fetch dynamically imported module');
    expect(shown!.textContent).to.contain('try again');
    expect(zh.shadowRoot!.querySelector('[part="part-error"]')!.textContent).to.contain('请检查网络连接后重试');
    expect(el.shadowRoot!.querySelector('dialog.close-dialog')).to.equal(null);
    expect(el.opportunity!.stageId, 'nothing moved').to.equal('st-proposal');
    await expect(el).to.be.accessible();

    // The next try fetches the dialog: it opens, styled, and the message goes.
    move(el).click();
    await el.updateComplete;
    const dialog = el.shadowRoot!.querySelector<HTMLDialogElement>('dialog.close-dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Date won');
    expect(getComputedStyle(dialog).borderTopStyle, 'the dialog styles are adopted').to.equal('solid');
    expect(el.shadowRoot!.querySelector('[part="part-error"]')).to.equal(null);
  });
});
