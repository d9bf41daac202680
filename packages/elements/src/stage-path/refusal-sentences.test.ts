import { expect, fixture, html } from '@open-wc/testing';
import type { Opportunity } from '@kamkit/core';
import './define.js';
import type { KamStagePath } from './kam-stage-path.js';
import { boardPipeline, deal, FIXTURE_NOW } from '../pipeline-board/fixtures.js';

// The rules' reasons carry no full stop: said together, each ends with one in the path's language.
async function mount(opportunity: Opportunity, locale: string): Promise<KamStagePath> {
  const el = await fixture<KamStagePath>(html`<kam-stage-path locale=${locale} .opportunity=${opportunity} .pipeline=${boardPipeline()}></kam-stage-path>`);
  (el as unknown as { now: () => Date }).now = () => new Date(FIXTURE_NOW);
  el.requestUpdate();
  await el.updateComplete;
  return el;
}

const qualifying = () => deal('p1', 'st-qualify', { name: 'Smart factory rollout', nextStep: undefined });

describe('kam-stage-path: a refusal\'s reasons as sentences', () => {
  for (const [locale, expected] of [
    ['en', 'Cannot move “Smart factory rollout” to Proposal: Fill in Next step before moving to Proposal. Fill in Budget before moving to Proposal. Tick “Demo given” before moving to Proposal.'],
    ['zh-CN', '无法将“Smart factory rollout”移至 Proposal：请先填写“下一步”。请先填写“Budget”。请先勾选“Demo given”。'],
  ]) {
    it(`ends each reason with one stop, shown by the button and said (${locale})`, async () => {
      const el = await mount(qualifying(), locale);
      el.shadowRoot!.querySelector<HTMLButtonElement>('.next button')!.click();
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part=refusal]')!.textContent!.trim()).to.equal(expected);
      expect(el.shadowRoot!.querySelector('[role=status][aria-live]')!.textContent!.trim()).to.equal(expected);
    });
  }
});
