import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { MemorySource } from '@kamkit/core/memory';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';
import { sampleStore } from './support/sample-store.js';
import { chartStates } from './support/chart-states.js';
import { commonArgs, commonArgTypes } from './support/args.js';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/kpi-tile/define.js';

const store = (accounts = 60) => sampleStore(accounts);

const states = chartStates('kam-kpi-tile');

const meta: Meta = {
  title: 'Elements/KPI tile',
  component: 'kam-kpi-tile',
  args: commonArgs,
  argTypes: commonArgTypes,
  render: states.default,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};
export const Loading: Story = { render: states.loading };
export const Empty: Story = { render: states.empty };
export const Error: Story = { render: states.error };
/** The first load fails and the provider's status bar is hidden: the tile offers Retry (kam-retry), and the second load works. */
export const SourceFailed: Story = {
  name: 'Error: data source failed (retry)',
  render: () => {
    const now = '2026-11-23T00:00:00Z';
    let failures = 1;
    const source = new MemorySource(generateSampleBook({ seed: 5, accounts: 60, now }), {
      fail: (call, d) => (call === 'list' && d.kind === 'accounts' && failures-- > 0 ? new globalThis.Error('HTTP 503 from the CRM relay') : undefined),
    });
    return html`<kam-provider hide-status .source=${source} .fx=${sampleFxTable} .clock=${() => new Date(now)}><kam-kpi-tile kind="win-rate"></kam-kpi-tile></kam-provider>`;
  },
};
export const LargeData: Story = { tags: ['!autodocs'], name: 'Large data (3,000 accounts)', render: states.large };
export const Dark: Story = { render: states.dark };
export const ZhCN: Story = { name: 'zh-CN', render: states.zhCN };
export const Narrow: Story = { name: 'Narrow (360 px)', render: states.narrow };

export const CycleLength: Story = { name: 'Cycle length', render: () => html`<kam-provider .store=${store()}><kam-kpi-tile kind="cycle-length"></kam-kpi-tile></kam-provider>` };

export const AvgDealSize: Story = { name: 'Average deal size', render: () => html`<kam-provider .store=${store()}><kam-kpi-tile kind="avg-deal-size"></kam-kpi-tile></kam-provider>` };

export const RenewalRate: Story = { name: 'Renewal rate', render: () => html`<kam-provider .store=${store()}><kam-kpi-tile kind="renewal-rate"></kam-kpi-tile></kam-provider>` };
