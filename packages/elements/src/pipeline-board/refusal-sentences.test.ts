import { expect, fixture, html } from '@open-wc/testing';
import type { Opportunity } from '@kamkit/core';
import './define.js';
import type { KamPipelineBoard } from './kam-pipeline-board.js';
import { boardAccounts, boardFx, boardPipeline, boardUsers, deal, FIXTURE_NOW, settle } from './fixtures.js';
import { sentences } from './sentences.js';

// The rules' reasons carry no full stop: said together, each ends with one in the board's language.
async function mount(opportunities: Opportunity[], locale: string): Promise<KamPipelineBoard> {
  const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board style="height: 600px; width: 1200px" locale=${locale}
    .pipeline=${boardPipeline()} .opportunities=${opportunities} .accounts=${boardAccounts()} .users=${boardUsers()} .fx=${boardFx}></kam-pipeline-board>`);
  (el as unknown as { now: () => Date }).now = () => new Date(FIXTURE_NOW);
  el.requestUpdate();
  await settle(el);
  return el;
}
const alertText = (el: KamPipelineBoard) => el.shadowRoot!.querySelector('.board > [role="alert"]')!.textContent!.trim();
const card = (el: KamPipelineBoard, id: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.card')].find((c) => c.dataset.id === id)!;

describe('kam-pipeline-board: a refusal\'s reasons as sentences', () => {
  for (const [locale, said, listed] of [
    ['en', 'Cannot move “Deal r” to Proposal: This pipeline does not allow skipping stages: move to Qualify first (skipping Qualify). Fill in Next step before moving to Proposal. Fill in Budget before moving to Proposal. Tick “Demo given” before moving to Proposal.',
      ['This pipeline does not allow skipping stages: move to Qualify first (skipping Qualify)', 'Fill in Next step before moving to Proposal', 'Fill in Budget before moving to Proposal', 'Tick “Demo given” before moving to Proposal']],
    ['zh-CN', '无法将“Deal r”移至 Proposal：此管道不允许跳过阶段。请先填写“下一步”。请先填写“Budget”。请先勾选“Demo given”。',
      ['此管道不允许跳过阶段。', '请先填写“下一步”。', '请先填写“Budget”。', '请先勾选“Demo given”。']],
  ] as const) {
    it(`ends each reason of a refused move with one stop when it is said; the card lists them (${locale})`, async () => {
      const el = await mount([deal('r', 'st-prospect', { nextStep: undefined })], locale);
      await el.requestMove('r', 'st-proposal');
      await settle(el);
      expect(alertText(el)).to.equal(said);
      expect([...card(el, 'r').querySelectorAll('.notice.refused li')].map((li) => li.textContent!.trim())).to.deep.equal(listed);
    });
  }

  for (const [locale, said] of [
    ['en', 'Give a reason the deal was lost before moving it to Lost. Give the date the deal was lost before moving it to Lost.'],
    ['zh-CN', '请填写原因。请填写日期。'],
  ] as const) {
    it(`ends each reason the close dialog refuses with one stop when it is said (${locale})`, async () => {
      const el = await mount([deal('w', 'st-qualify')], locale);
      await el.requestMove('w', 'st-lost');
      await settle(el);
      const dialog = el.shadowRoot!.querySelector<HTMLDialogElement>('dialog.close-dialog')!;
      (dialog.querySelector('input[type=date]') as HTMLInputElement).value = '';
      dialog.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
      await settle(el);
      await new Promise((r) => setTimeout(r, 20));
      await settle(el);
      expect(alertText(el)).to.equal(said);
      expect(dialog.querySelectorAll('.dialog-errors li')).to.have.length(2);
    });
  }

  it('adds no stop to a reason that has one, and none to a blank one', () => {
    expect(sentences('en', ['Fill in Budget', 'Give a reason.', 'Really?', ' '])).to.equal('Fill in Budget. Give a reason. Really?');
    expect(sentences('zh-CN', ['请先填写Budget', '请填写原因。', 'Done.'])).to.equal('请先填写Budget。请填写原因。Done.');
  });
});
