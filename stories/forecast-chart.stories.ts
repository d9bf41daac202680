import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { Store } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';
import { sampleStore } from './support/sample-store.js';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/forecast-chart/define.js';

const NOW = '2026-11-23T00:00:00Z';
const store = (accounts = 60) => sampleStore(accounts);

const meta: Meta = {
  title: 'Elements/Forecast chart',
  component: 'kam-forecast-chart',
  render: () => html`<kam-provider .store=${store()}><kam-forecast-chart></kam-forecast-chart></kam-provider>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};
export const Loading: Story = { render: () => html`<kam-forecast-chart loading></kam-forecast-chart>` };
export const Empty: Story = { render: () => html`<kam-provider .store=${Store.fromBook({ pipelines: generateSampleBook({ seed: 5, accounts: 1, now: NOW }).pipelines }, { now: () => new Date(NOW) })}><kam-forecast-chart></kam-forecast-chart></kam-provider>` };
export const Error: Story = { render: () => html`<kam-forecast-chart .error=${'the CRM did not answer (HTTP 503)'}></kam-forecast-chart>` };
export const LargeData: Story = { tags: ['!autodocs'], name: 'Large data (3,000 accounts)', render: () => html`<kam-provider .store=${store(3000)}><kam-forecast-chart></kam-forecast-chart></kam-provider>` };
export const Dark: Story = { render: () => html`<div style="background:#0d1117;padding:12px"><kam-provider .store=${store()}><kam-forecast-chart theme="dark"></kam-forecast-chart></kam-provider></div>` };
export const ZhCN: Story = { name: 'zh-CN', render: () => html`<kam-provider .store=${store()}><kam-forecast-chart locale="zh-CN"></kam-forecast-chart></kam-provider>` };
export const Narrow: Story = { name: 'Narrow (360 px)', render: () => html`<div style="width:360px"><kam-provider .store=${store()}><kam-forecast-chart></kam-forecast-chart></kam-provider></div>` };

export const Weighted: Story = { name: 'Weighted', render: () => html`<kam-provider .store=${store()}><kam-forecast-chart weighted></kam-forecast-chart></kam-provider>` };

export const ByQuarter: Story = { name: 'By quarter', render: () => html`<kam-provider .store=${store()}><kam-forecast-chart period="quarter"></kam-forecast-chart></kam-provider>` };
