import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { sampleStore } from './support/sample-store.js';
import { chartStates } from './support/chart-states.js';
import { commonArgs, commonArgTypes } from './support/args.js';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/funnel-chart/define.js';

const store = (accounts = 60) => sampleStore(accounts);

const states = chartStates('kam-funnel-chart');

const meta: Meta = {
  title: 'Elements/Funnel chart',
  component: 'kam-funnel-chart',
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
export const NoProvider: Story = { name: 'Error: no <kam-provider> above it', render: () => html`<kam-funnel-chart></kam-funnel-chart>` };
export const LargeData: Story = { tags: ['!autodocs'], name: 'Large data (3,000 accounts)', render: states.large };
export const Dark: Story = { render: states.dark };
export const ZhCN: Story = { name: 'zh-CN', render: states.zhCN };
export const Narrow: Story = { name: 'Narrow (360 px)', render: states.narrow };

export const AnyStage: Story = { name: 'Any-stage mode', render: () => html`<kam-provider .store=${store()}><kam-funnel-chart mode="any-stage"></kam-funnel-chart></kam-provider>` };
