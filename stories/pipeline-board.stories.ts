import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { commonArgs, commonArgTypes, withArgs } from './support/args.js';
import { Store } from '@kamkit/core';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';
import '../packages/elements/src/pipeline-board/define.js';
import '../packages/elements/src/health-badge/define.js';
import { boardAccounts, boardFx, boardPipeline, boardUsers, deal } from '../packages/elements/src/pipeline-board/fixtures.js';

const book = generateSampleBook({ seed: 7, accounts: 150 });
const pipeline = book.pipelines[0];

const meta: Meta = {
  title: 'Elements/Pipeline board',
  component: 'kam-pipeline-board',
  parameters: { layout: 'fullscreen' },
  args: commonArgs,
  argTypes: commonArgTypes,
  render: (args) => html`<kam-pipeline-board ${withArgs(args)} style="height:640px" .pipelines=${book.pipelines} .opportunities=${book.opportunities}
    .accounts=${book.accounts} .users=${book.users} .fx=${sampleFxTable} .cardFields=${['forecastCategory']}></kam-pipeline-board>`,
};
export default meta;
type Story = StoryObj;

/** The sample book's pipelines, alone mode (moves update the board's own copy and fire events). */
export const Default: Story = {};

/** Backed by a Store: moves go through store.moveStage (optimistic, outbox) and health badges score from it. */
export const WithStore: Story = {
  render: () => {
    const store = Store.fromBook(book, { fx: sampleFxTable, now: () => new Date('2026-11-23T09:00:00Z') });
    return html`<kam-pipeline-board style="height:640px" .store=${store}></kam-pipeline-board>`;
  },
};

export const Loading: Story = { render: () => html`<kam-pipeline-board loading></kam-pipeline-board>` };

export const Empty: Story = {
  render: () => html`<kam-pipeline-board style="height:420px" .pipeline=${pipeline} .opportunities=${[]}></kam-pipeline-board>`,
};

export const NoPipeline: Story = { render: () => html`<kam-pipeline-board .opportunities=${[]}></kam-pipeline-board>` };

export const NoProvider: Story = { name: 'Error: no <kam-provider> above it', render: () => html`<kam-pipeline-board></kam-pipeline-board>` };

export const ErrorState: Story = {
  name: 'Error',
  render: () => html`<kam-pipeline-board .error=${'The CRM relay answered 503 Service Unavailable'}></kam-pipeline-board>`,
};

/**
 * 10,000 deals of the sample book's new-business pipeline (a 2,450-account book holds a little
 * more; the first 10,000 are shown): each column renders only the cards in view. Not on the docs
 * page, which renders every story at once.
 */
export const LargeData: Story = {
  name: '10,000 deals',
  tags: ['!autodocs'],
  render: () => {
    const big = generateSampleBook({ seed: 7, accounts: 2450, now: '2026-11-23T00:00:00Z' });
    const newBusiness = big.pipelines[0];
    const deals = big.opportunities.filter((o) => o.pipelineId === newBusiness.id).slice(0, 10_000);
    return html`<kam-pipeline-board style="height:720px" .pipeline=${newBusiness} .opportunities=${deals}
      .accounts=${big.accounts} .users=${big.users} .fx=${sampleFxTable}></kam-pipeline-board>`;
  },
};

/** Currencies without a rate, negative and absurd amounts, and a stage missing from the pipeline. */
export const BadInput: Story = {
  render: () => html`<kam-pipeline-board style="height:560px" .pipeline=${boardPipeline()} .fx=${boardFx} .accounts=${boardAccounts()} .users=${boardUsers()}
    .opportunities=${[
      deal('jpy', 'st-prospect', { name: 'Yen deal (no JPY rate)', amount: { amount: 8_000_000, currency: 'JPY' } }),
      deal('neg', 'st-prospect', { name: 'Credit note entered as a deal', amount: { amount: -25_000, currency: 'CNY' } }),
      deal('huge', 'st-qualify', { name: 'Typo: twelve zeros', amount: { amount: 4e15, currency: 'CNY' } }),
      deal('ok', 'st-qualify', { name: 'Normal deal', amount: { amount: 320_000, currency: 'USD' } }),
      deal('orphan', 'st-deleted-stage', { name: 'Deal in a deleted stage' }),
    ]}></kam-pipeline-board>`,
};

/**
 * Long names (60 characters, and Chinese) beside the idle chip, at 390 px: cut text ends in an
 * ellipsis and carries a title with the whole of it; the amount is never cut.
 */
export const LongNames: Story = {
  name: 'Long names (390 px)',
  render: () => {
    const stale = [{ stageId: 'st-prospect', enteredAt: '2025-10-10T09:00:00Z' }];
    return html`<div style="width:390px"><kam-pipeline-board locale="zh-CN" style="height:420px" .pipeline=${boardPipeline()}
      .users=${[{ id: 'u-long', name: 'Maximilian Alexander Konstantin von Hohenzollern-Sigmaringen' }, { id: 'u-cjk', name: '欧阳天佑（华东大区重点客户部高级客户经理）' }]}
      .accounts=${[{ id: 'acc-long', name: '广州珠江三角洲先进制造业集团股份有限公司华南区域采购中心', tags: [], sourceIds: {} }]}
      .opportunities=${[
        deal('l1', 'st-prospect', { name: 'Guangzhou Pearl River Delta Advanced Manufacturing framework', ownerId: 'u-long', accountId: 'acc-long', amount: { amount: 40_976_000, currency: 'CNY' }, stageHistory: stale }),
        deal('l2', 'st-prospect', { name: '华东大区智能制造整体解决方案三期扩容项目（含运维服务）', ownerId: 'u-cjk', accountId: 'acc-long', stageHistory: stale }),
      ]}></kam-pipeline-board></div>`;
  },
};

/** A pipeline of one stage: the "Move to…" menu says there is no other stage. */
export const OneStage: Story = {
  render: () => html`<kam-pipeline-board style="height:420px" .pipeline=${boardPipeline({ stages: [boardPipeline().stages[0]] })}
    .opportunities=${[deal('one', 'st-prospect'), deal('two', 'st-prospect')]} .users=${boardUsers()}></kam-pipeline-board>`,
};

/** Just one deal. */
export const SingleDeal: Story = {
  render: () => html`<kam-pipeline-board style="height:420px" .pipeline=${boardPipeline()} .opportunities=${[deal('one', 'st-qualify')]}></kam-pipeline-board>`,
};

export const Dark: Story = {
  render: () => html`<div style="background:#0d1117;padding:8px">
    <kam-pipeline-board theme="dark" style="height:640px" .pipeline=${pipeline} .opportunities=${book.opportunities}
      .accounts=${book.accounts} .users=${book.users} .fx=${sampleFxTable}></kam-pipeline-board></div>`,
};

export const ChineseLocale: Story = {
  name: 'zh-CN',
  render: () => html`<kam-pipeline-board locale="zh-CN" style="height:640px" .pipeline=${pipeline} .opportunities=${book.opportunities}
    .accounts=${book.accounts} .users=${book.users} .fx=${sampleFxTable}></kam-pipeline-board>`,
};

export const Narrow: Story = {
  name: 'Narrow (360 px)',
  render: () => html`<div style="width:360px"><kam-pipeline-board style="height:600px" .pipeline=${pipeline} .opportunities=${book.opportunities}
    .accounts=${book.accounts} .users=${book.users} .fx=${sampleFxTable}></kam-pipeline-board></div>`,
};

// The interactive states, opened by the story itself (each on its own page: a docs page that
// stacked them would open every dialog at once).
type Board = HTMLElement & { requestMove(id: string, toStageId: string): Promise<boolean> };
const moveOnOpen = (id: string, to: string) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const board = canvasElement.querySelector('kam-pipeline-board') as Board;
  void board.requestMove(id, to); // a dialog stays open: not awaited
  for (let i = 0; i < 100 && !board.shadowRoot?.querySelector('.notice.refused, dialog[open]'); i++) await new Promise((r) => setTimeout(r, 30));
};
const refusable = (locale: string) => html`<kam-pipeline-board locale=${locale} style="height:460px" .pipeline=${boardPipeline()} .users=${boardUsers()} .accounts=${boardAccounts()}
  .opportunities=${[deal('r', 'st-prospect', { name: 'Smart factory rollout', nextStep: undefined }), deal('w', 'st-proposal', { name: 'Plant 3 MES' })]}></kam-pipeline-board>`;

/** Prospect → Proposal, skipping a stage with its criteria missing: the card lists every reason. */
export const RefusedMove: Story = { name: 'Refused move', tags: ['!autodocs'], render: () => refusable('en'), play: moveOnOpen('r', 'st-proposal') };
export const RefusedMoveZh: Story = { name: 'Refused move (zh-CN)', tags: ['!autodocs'], render: () => refusable('zh-CN'), play: moveOnOpen('r', 'st-proposal') };
/** Proposal → Won: the modal dialog asks for the date won and the reason. */
export const WonDialog: Story = { name: 'Won dialog open', tags: ['!autodocs'], render: () => refusable('en'), play: moveOnOpen('w', 'st-won') };
export const WonDialogZh: Story = { name: 'Won dialog open (zh-CN)', tags: ['!autodocs'], render: () => refusable('zh-CN'), play: moveOnOpen('w', 'st-won') };
