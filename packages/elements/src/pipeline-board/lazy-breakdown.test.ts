// Its own file (its own page): the totals' breakdown must not have been loaded before this test.
import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { KamPipelineBoard } from './kam-pipeline-board.js';
import { withFailingPart } from './test-parts.js';
import { boardAccounts, boardFx, boardPipeline, boardUsers, deal, FIXTURE_NOW, settle } from './fixtures.js';

describe('kam-pipeline-board totals breakdown, loaded on demand', () => {
  it('a failed fetch ahead of time (focus on a card) says nothing; reaching a total says it (in the total\'s description too), and the next try shows the breakdown', async () => {
    const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board style="height:500px; width:1000px" locale="en"
      .pipeline=${boardPipeline()} .opportunities=${[deal('m', 'st-prospect', { amount: { amount: 10_000, currency: 'USD' } })]}
      .accounts=${boardAccounts()} .users=${boardUsers()} .fx=${boardFx}></kam-pipeline-board>`);
    (el as unknown as { now: () => Date }).now = () => new Date(FIXTURE_NOW);
    el.requestUpdate();
    await settle(el);
    const root = el.shadowRoot!;
    await withFailingPart('breakdown', async () => {
      root.querySelector<HTMLElement>('.card[data-id="m"]')!.focus();
      await settle(el);
      expect(root.querySelector('[part="part-error"]'), 'no message for a fetch the user did not ask for').to.equal(null);
      root.querySelector<HTMLElement>('.column[data-key="st-prospect"] .totals')!.focus();
      await settle(el);
      const shown = root.querySelector('[part="part-error"]');
      expect(shown, 'a visible message once a total is reached').to.exist;
      expect(shown!.textContent).to.contain('Failed to fetch dynamically imported module');
      // The total's description (its tooltip) says so too, instead of nothing.
      expect(root.querySelector('.column[data-key="st-prospect"] .tooltip')!.textContent).to.contain('could not be loaded');
    });
    (root.activeElement as HTMLElement).blur();
    root.querySelector<HTMLElement>('.column[data-key="st-prospect"] .totals')!.focus();
    await settle(el);
    expect(root.querySelector('.column[data-key="st-prospect"] .tooltip')!.textContent).to.contain('USD');
    expect(root.querySelector('[part="part-error"]')).to.equal(null);
  });
});
