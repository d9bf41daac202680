import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { Store } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';
import { sampleStore } from './support/sample-store.js';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/stage-duration-chart/define.js';

const NOW = '2026-11-23T00:00:00Z';
const store = (accounts = 60) => sampleStore(accounts);

const meta: Meta = {
  title: 'Elements/Stage duration chart',
  component: 'kam-stage-duration-chart',
  render: () => html`<kam-provider .store=${store()}><kam-stage-duration-chart></kam-stage-duration-chart></kam-provider>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};
export const Loading: Story = { render: () => html`<kam-stage-duration-chart loading></kam-stage-duration-chart>` };
export const Empty: Story = { render: () => html`<kam-provider .store=${Store.fromBook({ pipelines: generateSampleBook({ seed: 5, accounts: 1, now: NOW }).pipelines }, { now: () => new Date(NOW) })}><kam-stage-duration-chart></kam-stage-duration-chart></kam-provider>` };
export const Error: Story = { render: () => html`<kam-stage-duration-chart .error=${'the CRM did not answer (HTTP 503)'}></kam-stage-duration-chart>` };
export const LargeData: Story = { tags: ['!autodocs'], name: 'Large data (3,000 accounts)', render: () => html`<kam-provider .store=${store(3000)}><kam-stage-duration-chart></kam-stage-duration-chart></kam-provider>` };
export const Dark: Story = { render: () => html`<div style="background:#0d1117;padding:12px"><kam-provider .store=${store()}><kam-stage-duration-chart theme="dark"></kam-stage-duration-chart></kam-provider></div>` };
export const ZhCN: Story = { name: 'zh-CN', render: () => html`<kam-provider .store=${store()}><kam-stage-duration-chart locale="zh-CN"></kam-stage-duration-chart></kam-provider>` };
export const Narrow: Story = { name: 'Narrow (360 px)', render: () => html`<div style="width:360px"><kam-provider .store=${store()}><kam-stage-duration-chart></kam-stage-duration-chart></kam-provider></div>` };
