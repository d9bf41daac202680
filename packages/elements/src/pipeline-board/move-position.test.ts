// The position a keyboard move announces is the one the card is then seen at: 1-based, in the
// column's visible order (top to bottom on screen), alone and over a store, en and zh-CN.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Store, type Opportunity } from '@kamkit/core';
import './define.js';
import type { KamPipelineBoard } from './kam-pipeline-board.js';
import { boardAccounts, boardFx, boardPipeline, boardUsers, deal, FIXTURE_NOW, settle } from './fixtures.js';

const now = () => new Date(FIXTURE_NOW);

async function mount(opps: Opportunity[], opts: { store?: boolean; locale?: string } = {}): Promise<KamPipelineBoard> {
  const store = opts.store
    ? Store.fromBook({ pipelines: [boardPipeline()], opportunities: opps, accounts: boardAccounts(3), users: boardUsers() }, { now, fx: boardFx })
    : undefined;
  const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board
    style="height:600px; width:1200px" locale=${opts.locale ?? 'en'}
    .pipeline=${store ? undefined : boardPipeline()} .opportunities=${store ? undefined : opps}
    .accounts=${store ? undefined : boardAccounts()} .users=${boardUsers()} .fx=${store ? undefined : boardFx}
    .cardFields=${[]} .store=${store}></kam-pipeline-board>`);
  if (!store) (el as unknown as { now: () => Date }).now = now;
  el.requestUpdate();
  await settle(el);
  return el;
}

const root = (el: KamPipelineBoard) => el.shadowRoot!;
const status = (el: KamPipelineBoard) => root(el).querySelector('[role="status"][aria-live]')!.textContent!;
const column = (el: KamPipelineBoard, key: string) => [...root(el).querySelectorAll<HTMLElement>('.column')].find((c) => c.dataset.key === key)!;
/** The column's cards as the user sees them: top to bottom on screen. */
const seen = (el: KamPipelineBoard, key: string) => [...column(el, key).querySelectorAll<HTMLElement>('.card')]
  .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((c) => c.dataset.id);

async function press(el: KamPipelineBoard, key: string): Promise<void> {
  await sendKeys({ press: key });
  await settle(el);
}

async function keyboardMove(el: KamPipelineBoard, id: string, keys: string[]): Promise<void> {
  await el.focusCard(id);
  [...root(el).querySelectorAll<HTMLElement>('.card')].find((c) => c.dataset.id === id)!.focus();
  await settle(el);
  await press(el, 'Space');
  for (const k of keys) await press(el, k);
  await press(el, 'Enter');
  // Let a store's write settle (its confirmation is one more change event).
  for (let i = 0; i < 5; i++) { await new Promise((r) => setTimeout(r, 20)); await settle(el); }
}

// Qualify holds two deals, a (closes first) and b: "m" sorts between them, "z" after both.
const book = () => [
  deal('a', 'st-qualify', { closeDate: '2026-12-01' }),
  deal('b', 'st-qualify', { closeDate: '2026-12-20' }),
  deal('m', 'st-prospect', { closeDate: '2026-12-10' }),
  deal('z', 'st-prospect', { closeDate: '2027-01-31' }),
];

describe('kam-pipeline-board keyboard move: the announced position is the one the card is seen at', () => {
  for (const store of [false, true]) {
    const mode = store ? 'over a store' : 'alone';
    for (const [target, keys] of [[1, ['ArrowRight', 'Home']], [2, ['ArrowRight', 'Home', 'ArrowDown']], [3, ['ArrowRight', 'End']]] as const) {
      it(`${mode}: dropped at position ${target} of Qualify`, async () => {
        const el = await mount(book(), { store });
        await keyboardMove(el, 'z', [...keys]);
        const order = seen(el, 'st-qualify');
        const pos = order.indexOf('z') + 1;
        expect(pos, `Qualify shows ${order.join(', ')}`).to.equal(target);
        expect(status(el)).to.contain(`Moved “Deal z” to Qualify, position ${pos}.`);
      });
    }
  }

  it('over a store: the card stays where it was dropped and announced when the sync engine confirms the write', async () => {
    const el = await mount(book(), { store: true });
    await keyboardMove(el, 'z', ['ArrowRight', 'Home']);
    expect(status(el)).to.contain('Moved “Deal z” to Qualify, position 1.');
    // What the sync engine does once the backend took the move: the server's copy replaces the record.
    const store = el.store as unknown as Store;
    store.applyServerRecord('opportunities', { ...store.get('opportunities', 'z')! }, 'confirm');
    await settle(el);
    const order = seen(el, 'st-qualify');
    expect(order.indexOf('z') + 1, `Qualify shows ${order.join(', ')}`).to.equal(1);
  });

  it('zh-CN, over a store: the announced position is the one seen', async () => {
    const el = await mount(book(), { store: true, locale: 'zh-CN' });
    await keyboardMove(el, 'z', ['ArrowRight', 'Home']);
    const pos = seen(el, 'st-qualify').indexOf('z') + 1;
    expect(status(el)).to.contain(`第 ${pos} 位`);
    expect(pos).to.equal(1);
  });
});
