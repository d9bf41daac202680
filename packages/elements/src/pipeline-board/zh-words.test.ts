// Its own file (its own page): the zh-CN words of field paths and refusals must not have been
// loaded before this test (they are fetched with the board's zh-CN table, not bundled).
import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { KamPipelineBoard } from './kam-pipeline-board.js';
import { boardAccounts, boardFx, boardPipeline, boardUsers, deal, FIXTURE_NOW, settle } from './fixtures.js';

describe('kam-pipeline-board zh-CN words of fields and refusals', () => {
  it('names the cards\' extra fields in Chinese from the first render, and says the first refusal in Chinese', async () => {
    const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board style="height:600px; width:1200px" locale="zh-CN"
      .pipeline=${boardPipeline()} .cardFields=${['probability', 'nextStep.text']}
      .opportunities=${[deal('f', 'st-prospect', { probability: 0.25, nextStep: undefined })]}
      .accounts=${boardAccounts()} .users=${boardUsers()} .fx=${boardFx}></kam-pipeline-board>`);
    (el as unknown as { now: () => Date }).now = () => new Date(FIXTURE_NOW);
    el.requestUpdate();
    await settle(el);
    const root = el.shadowRoot!;
    const text = root.querySelector('.card[data-id="f"]')!.textContent!;
    expect(text).to.contain('赢率');
    expect(text).to.contain('下一步');
    expect(text).not.to.contain('Probability');
    // A refusal is said (outside a render) in Chinese too, the first time.
    await el.requestMove('f', 'st-proposal');
    await settle(el);
    expect(root.querySelector('.board > [role="alert"]')!.textContent).to.contain('此管道不允许跳过阶段。请先填写“下一步”。');
  });
});
