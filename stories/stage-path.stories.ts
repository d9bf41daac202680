import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { commonArgs, commonArgTypes, withArgs } from './support/args.js';
import { Store } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';
import '../packages/elements/src/stage-path/define.js';
import { boardPipeline, deal } from '../packages/elements/src/pipeline-board/fixtures.js';

const history = [
  { stageId: 'st-prospect', enteredAt: '2026-10-20T09:00:00Z', leftAt: '2026-11-02T09:00:00Z' },
  { stageId: 'st-qualify', enteredAt: '2026-11-02T09:00:00Z' },
];
const qualifying = deal('sp-1', 'st-qualify', { name: 'Smart factory rollout', stageHistory: history, amount: { amount: 1_250_000, currency: 'CNY' } });

const meta: Meta = {
  title: 'Elements/Stage path',
  component: 'kam-stage-path',
  args: commonArgs,
  argTypes: commonArgTypes,
  render: (args) => html`<kam-stage-path .opportunity=${qualifying} .pipeline=${boardPipeline()} ${withArgs(args)}></kam-stage-path>`,
};
export default meta;
type Story = StoryObj;

/** In Qualify, with entry criteria for Proposal still missing. */
export const Default: Story = {};

export const ReadyToMove: Story = {
  render: () => html`<kam-stage-path .pipeline=${boardPipeline()}
    .opportunity=${{ ...qualifying, nextStep: { text: 'Book the demo', done: false }, custom: { budget: '1.2M approved' }, checklist: { demo: true } }}></kam-stage-path>`,
};

export const Won: Story = {
  render: () => html`<kam-stage-path .pipeline=${boardPipeline()} .opportunity=${deal('w', 'st-won', { name: 'Plant 3 MES', wonReason: 'Best total cost', closedAt: '2026-11-18',
    stageHistory: [...history.slice(0, 1), { stageId: 'st-qualify', enteredAt: '2026-11-02T09:00:00Z', leftAt: '2026-11-10T09:00:00Z' },
      { stageId: 'st-proposal', enteredAt: '2026-11-10T09:00:00Z', leftAt: '2026-11-18T09:00:00Z' }, { stageId: 'st-won', enteredAt: '2026-11-18T09:00:00Z' }] })}></kam-stage-path>`,
};

export const Lost: Story = {
  render: () => html`<kam-stage-path .pipeline=${boardPipeline()} .opportunity=${deal('l', 'st-lost', { name: 'Warehouse robots', lostReason: 'Competitor price', closedAt: '2026-11-05' })}></kam-stage-path>`,
};

/** From a Store by id, on the sample book (its Kingdee-style new-business pipeline). */
export const WithStore: Story = {
  render: () => {
    const book = generateSampleBook({ seed: 3, accounts: 40 });
    const store = Store.fromBook(book);
    const opp = book.opportunities.find((o) => o.stageId === 'st-needs') ?? book.opportunities[0];
    return html`<kam-stage-path .store=${store} opportunity-id=${opp.id}></kam-stage-path>`;
  },
};

export const Loading: Story = { render: () => html`<kam-stage-path loading></kam-stage-path>` };
export const Empty: Story = { render: () => html`<kam-stage-path></kam-stage-path>` };
export const ErrorState: Story = { name: 'Error', render: () => html`<kam-stage-path .error=${'Opportunity could not be loaded: 404'}></kam-stage-path>` };

export const UnknownStage: Story = {
  render: () => html`<kam-stage-path .pipeline=${boardPipeline()} .opportunity=${deal('u', 'st-retired', { name: 'Deal in a retired stage' })}></kam-stage-path>`,
};

/** A long history, to show time in stage adding up over back-and-forth moves. */
export const LargeData: Story = {
  tags: ['!autodocs'], // on its own page only: the docs page renders every story at once
  name: 'Long history',
  render: () => {
    const h = [];
    let t = Date.parse('2025-01-01T00:00:00Z');
    for (let i = 0; i < 200; i++) {
      const stageId = ['st-prospect', 'st-qualify'][i % 2];
      const next = t + 86_400_000 * (1 + (i % 5));
      h.push({ stageId, enteredAt: new Date(t).toISOString(), leftAt: new Date(next).toISOString() });
      t = next;
    }
    h.push({ stageId: 'st-qualify', enteredAt: new Date(t).toISOString() });
    return html`<kam-stage-path .pipeline=${boardPipeline()} .opportunity=${deal('long', 'st-qualify', { name: 'Back-and-forth deal', stageHistory: h })}></kam-stage-path>`;
  },
};

export const Dark: Story = {
  render: () => html`<div style="background:#0d1117;padding:12px"><kam-stage-path theme="dark" .opportunity=${qualifying} .pipeline=${boardPipeline()}></kam-stage-path></div>`,
};

export const ChineseLocale: Story = {
  name: 'zh-CN',
  render: () => html`<kam-stage-path locale="zh-CN" .opportunity=${qualifying} .pipeline=${boardPipeline()}></kam-stage-path>`,
};

export const Narrow: Story = {
  name: 'Narrow (360 px)',
  render: () => html`<div style="width:360px"><kam-stage-path .opportunity=${qualifying} .pipeline=${boardPipeline()}></kam-stage-path></div>`,
};

// The interactive states, opened by the story itself (each on its own page: a docs page that
// stacked them would open every dialog at once).
type Path = HTMLElement & { requestMove(toStageId: string): Promise<boolean> };
const moveOnOpen = (to: string) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const path = canvasElement.querySelector('kam-stage-path') as Path;
  void path.requestMove(to); // a dialog stays open: not awaited
  for (let i = 0; i < 100 && !path.shadowRoot?.querySelector('[part~="refusal"], dialog[open]'); i++) await new Promise((r) => setTimeout(r, 30));
};
const inProposal = deal('sp-2', 'st-proposal', { name: 'Plant 3 MES', stageHistory: [...history.slice(0, 1),
  { stageId: 'st-qualify', enteredAt: '2026-11-02T09:00:00Z', leftAt: '2026-11-10T09:00:00Z' }, { stageId: 'st-proposal', enteredAt: '2026-11-10T09:00:00Z' }] });

/** Qualify → Proposal with its entry criteria missing: the path says why next to the button. */
export const RefusedMove: Story = {
  name: 'Refused move', tags: ['!autodocs'], play: moveOnOpen('st-proposal'),
  render: () => html`<kam-stage-path .opportunity=${qualifying} .pipeline=${boardPipeline()}></kam-stage-path>`,
};
export const RefusedMoveZh: Story = {
  name: 'Refused move (zh-CN)', tags: ['!autodocs'], play: moveOnOpen('st-proposal'),
  render: () => html`<kam-stage-path locale="zh-CN" .opportunity=${qualifying} .pipeline=${boardPipeline()}></kam-stage-path>`,
};
/** Proposal → Won: the modal dialog asks for the date won and the reason. */
export const WonDialog: Story = {
  name: 'Won dialog open', tags: ['!autodocs'], play: moveOnOpen('st-won'),
  render: () => html`<kam-stage-path .opportunity=${inProposal} .pipeline=${boardPipeline()}></kam-stage-path>`,
};
export const WonDialogZh: Story = {
  name: 'Won dialog open (zh-CN)', tags: ['!autodocs'], play: moveOnOpen('st-won'),
  render: () => html`<kam-stage-path locale="zh-CN" .opportunity=${inProposal} .pipeline=${boardPipeline()}></kam-stage-path>`,
};
