import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { KamPipelineBoard } from './kam-pipeline-board.js';
import { boardAccounts, boardFx, boardPipeline, boardUsers, deal, FIXTURE_NOW, settle } from './fixtures.js';

// The board in a page's narrow sidebar: its own parts stay inside its box.
describe('kam-pipeline-board in a narrow column', () => {
  it('the pipeline picker shrinks to the board\'s width (320 px, a 20 px font): it does not stick out of it', async () => {
    // A <select> is as wide as its longest option: with --kam-font-size 20px the picker ran 27 px
    // past the board's border (over the page beside a sidebar, or scrolling it sideways).
    const long = boardPipeline({ id: 'pl-long', name: 'Renewals and expansion of framework agreements' });
    const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board locale="en"
      style="width: 320px; height: 400px; --kam-font-size: 20px"
      .pipelines=${[boardPipeline(), long]} .opportunities=${[deal('x', 'st-prospect')]}
      .accounts=${boardAccounts()} .users=${boardUsers()} .fx=${boardFx}></kam-pipeline-board>`);
    (el as unknown as { now: () => Date }).now = () => new Date(FIXTURE_NOW);
    el.requestUpdate();
    await settle(el);
    const box = el.getBoundingClientRect();
    const select = el.shadowRoot!.querySelector('select')!.getBoundingClientRect();
    expect(select.width).to.be.above(0);
    expect(Math.round(select.right), `select right ${select.right}, board right ${box.right}`).to.be.at.most(Math.round(box.right));
  });
});
