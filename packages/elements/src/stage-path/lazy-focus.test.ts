// Its own file (its own page): the actions' chunk must not be here yet when the box is ticked.
import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { KamStagePath } from './kam-stage-path.js';
import { actionsLoader } from './actions-loader.js';
import { boardPipeline, deal, FIXTURE_NOW } from '../pipeline-board/fixtures.js';
import { describeEl, until } from '../shared/test-wait.js';

describe('kam-stage-path actions, loaded on demand: focus', () => {
  it('keeps focus on the box ticked while the actions are fetched', async () => {
    const el = await fixture<KamStagePath>(html`<kam-stage-path locale="en" .pipeline=${boardPipeline()}
      .opportunity=${deal('p1', 'st-proposal', { checklist: { demo: true }, stageHistory: [{ stageId: 'st-proposal', enteredAt: '2026-11-01T00:00:00Z' }] })}></kam-stage-path>`);
    (el as unknown as { now: () => Date }).now = () => new Date(FIXTURE_NOW);
    el.requestUpdate();
    await el.updateComplete;
    const real = actionsLoader.load;
    let arrive!: () => void;
    const gate = new Promise<void>((resolve) => { arrive = resolve; });
    actionsLoader.load = () => gate.then(real);
    try {
      const box = el.shadowRoot!.querySelector<HTMLInputElement>('.details .checklist input[type=checkbox]')!;
      box.focus();
      box.click(); // unticks it; the boxes wait, disabled, for the chunk
      await new Promise((r) => setTimeout(r, 0)); // not updateComplete: it waits for the chunk too
      expect(box.disabled, 'waiting for the chunk').to.equal(true);
      arrive();
      await el.updateComplete;
      // the tick applied and the focus put back can come a task or a frame after the chunk on a busy machine
      await until(() => el.opportunity!.checklist.demo === false && el.shadowRoot!.activeElement === box, 'the tick applied, the focus back on the box',
        () => `demo ${String(el.opportunity!.checklist.demo)}, focus on ${describeEl(el.shadowRoot!.activeElement)}`);
      expect(el.opportunity!.checklist.demo).to.equal(false);
      expect(el.shadowRoot!.activeElement === box, 'focus is back on the box').to.equal(true);
    } finally {
      actionsLoader.load = real;
    }
  });
});
