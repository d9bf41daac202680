import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { Store } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';
import { sampleStore } from './support/sample-store.js';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/kpi-tile/define.js';

const NOW = '2026-11-23T00:00:00Z';
const store = (accounts = 60) => sampleStore(accounts);

const meta: Meta = {
  title: 'Elements/KPI tile',
  component: 'kam-kpi-tile',
  render: () => html`<kam-provider .store=${store()}><kam-kpi-tile></kam-kpi-tile></kam-provider>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};
export const Loading: Story = { render: () => html`<kam-kpi-tile loading></kam-kpi-tile>` };
export const Empty: Story = { render: () => html`<kam-provider .store=${Store.fromBook({ pipelines: generateSampleBook({ seed: 5, accounts: 1, now: NOW }).pipelines }, { now: () => new Date(NOW) })}><kam-kpi-tile></kam-kpi-tile></kam-provider>` };
export const Error: Story = { render: () => html`<kam-kpi-tile .error=${'the CRM did not answer (HTTP 503)'}></kam-kpi-tile>` };
export const LargeData: Story = { tags: ['!autodocs'], name: 'Large data (3,000 accounts)', render: () => html`<kam-provider .store=${store(3000)}><kam-kpi-tile></kam-kpi-tile></kam-provider>` };
export const Dark: Story = { render: () => html`<div style="background:#0d1117;padding:12px"><kam-provider .store=${store()}><kam-kpi-tile theme="dark"></kam-kpi-tile></kam-provider></div>` };
export const ZhCN: Story = { name: 'zh-CN', render: () => html`<kam-provider .store=${store()}><kam-kpi-tile locale="zh-CN"></kam-kpi-tile></kam-provider>` };
export const Narrow: Story = { name: 'Narrow (360 px)', render: () => html`<div style="width:360px"><kam-provider .store=${store()}><kam-kpi-tile></kam-kpi-tile></kam-provider></div>` };

export const CycleLength: Story = { name: 'Cycle length', render: () => html`<kam-provider .store=${store()}><kam-kpi-tile kind="cycle-length"></kam-kpi-tile></kam-provider>` };

export const AvgDealSize: Story = { name: 'Average deal size', render: () => html`<kam-provider .store=${store()}><kam-kpi-tile kind="avg-deal-size"></kam-kpi-tile></kam-provider>` };

export const RenewalRate: Story = { name: 'Renewal rate', render: () => html`<kam-provider .store=${store()}><kam-kpi-tile kind="renewal-rate"></kam-kpi-tile></kam-provider>` };
