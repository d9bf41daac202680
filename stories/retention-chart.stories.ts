import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { sampleStore } from './support/sample-store.js';
import { chartStates } from './support/chart-states.js';
import { commonArgs, commonArgTypes } from './support/args.js';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/retention-chart/define.js';

const store = (accounts = 60) => sampleStore(accounts);

const states = chartStates('kam-retention-chart');

const meta: Meta = {
  title: 'Elements/Retention chart',
  component: 'kam-retention-chart',
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
export const LargeData: Story = { tags: ['!autodocs'], name: 'Large data (3,000 accounts)', render: states.large };
export const Dark: Story = { render: states.dark };
export const ZhCN: Story = { name: 'zh-CN', render: states.zhCN };
export const Narrow: Story = { name: 'Narrow (360 px)', render: states.narrow };

export const ByCohort: Story = { name: 'By cohort', render: () => html`<kam-provider .store=${store()}><kam-retention-chart view="cohort"></kam-retention-chart></kam-provider>` };
/** Each cell's NRR in dark ink on the light cells, white on the dark ones. */
export const ByCohortDark: Story = { name: 'By cohort, dark', render: () => html`<div style="background:#0d1117;padding:12px"><kam-provider .store=${store()}><kam-retention-chart view="cohort" theme="dark"></kam-retention-chart></kam-provider></div>` };

export const Yearly: Story = { name: 'By year', render: () => html`<kam-provider .store=${store()}><kam-retention-chart period="year" periods="4"></kam-retention-chart></kam-provider>` };
