import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { commonArgs, commonArgTypes, withArgs } from './support/args.js';
import { Store, type Book } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';
import { sampleStore } from './support/sample-store.js';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/dashboard/define.js';

const NOW = '2026-11-23T00:00:00Z';
const store = (accounts = 120, edit?: (b: Book) => void) => {
  if (!edit) return sampleStore(accounts); // unedited books are shared with the chart stories
  const b = generateSampleBook({ seed: 5, accounts, now: NOW });
  edit?.(b);
  return Store.fromBook(b, { fx: sampleFxTable, now: () => new Date(NOW) });
};

const meta: Meta = {
  title: 'Elements/Dashboard',
  component: 'kam-dashboard',
  args: commonArgs,
  argTypes: commonArgTypes,
  render: (args) => html`<kam-provider .store=${store()}><kam-dashboard ${withArgs(args)}></kam-dashboard></kam-provider>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};
export const Loading: Story = { render: () => html`<kam-dashboard .store=${new Store({ now: () => new Date(NOW) })}></kam-dashboard>` };
export const Empty: Story = { render: () => html`<kam-provider .store=${store(1, (b) => { b.opportunities = []; b.orders = []; b.contracts = []; })}><kam-dashboard></kam-dashboard></kam-provider>` };
export const NoStore: Story = { name: 'Error / no store', render: () => html`<kam-dashboard></kam-dashboard>` };
/** The first load fails (the provider's own status hidden): the dashboard offers Retry (kam-retry), and the second load works. */
export const SourceFailed: Story = {
  name: 'Error: data source failed (retry)',
  render: () => {
    let failures = 1;
    const source = new MemorySource(generateSampleBook({ seed: 5, accounts: 120, now: NOW }), {
      fail: (call, d) => (call === 'list' && d.kind === 'accounts' && failures-- > 0 ? new globalThis.Error('HTTP 503 from the CRM relay') : undefined),
    });
    return html`<kam-provider hide-status .source=${source} .fx=${sampleFxTable} .clock=${() => new Date(NOW)}><kam-dashboard></kam-dashboard></kam-provider>`;
  },
};
export const Filtered: Story = { render: () => html`<kam-provider .store=${store()}><kam-dashboard .filters=${{ period: 'year' }}></kam-dashboard></kam-provider>` };
export const BadInput: Story = {
  name: 'Bad input (no FX rate, negative and absurd amounts)',
  render: () => html`<kam-provider .store=${store(120, (b) => {
    const open = b.opportunities.filter((o) => o.pipelineId === b.pipelines[0].id);
    open[0].amount = { amount: 50_000, currency: 'XTS' };
    open[1].amount = { amount: -1_000, currency: 'CNY' };
    open[2].amount = { amount: 9e13, currency: 'CNY' };
  })}><kam-dashboard></kam-dashboard></kam-provider>`,
};
export const LargeData: Story = { tags: ['!autodocs'], name: 'Large data (3,000 accounts)', render: () => html`<kam-provider .store=${store(3000)}><kam-dashboard></kam-dashboard></kam-provider>` };
export const Dark: Story = { render: () => html`<div style="background:#0d1117;padding:12px"><kam-provider .store=${store()} theme="dark"><kam-dashboard theme="dark"></kam-dashboard></kam-provider></div>` };
export const ZhCN: Story = { name: 'zh-CN', render: () => html`<kam-provider .store=${store()} locale="zh-CN"><kam-dashboard locale="zh-CN"></kam-dashboard></kam-provider>` };
export const Narrow: Story = { name: 'Narrow (360 px)', render: () => html`<div style="width:360px"><kam-provider .store=${store()}><kam-dashboard></kam-dashboard></kam-provider></div>` };
