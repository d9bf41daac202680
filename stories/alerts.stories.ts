import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withArgs } from './support/args.js';
import { Store, type Book } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { evaluateAlerts } from '@kamkit/core/alerts';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/alerts/define.js';

const NOW = '2026-11-23T00:00:00Z';
const book = (accounts = 24): Book => generateSampleBook({ seed: 5, accounts, now: NOW });
const store = (b: Partial<Book> = book()) => Store.fromBook(b, { now: () => new Date(NOW), fx: sampleFxTable });
const ACCOUNT = 'acc-00008';

const meta: Meta = {
  title: 'Elements/Alerts',
  component: 'kam-alerts',
  args: { severity: '', 'snooze-days': 7 },
  render: (args) => html`<kam-provider hide-status .store=${store()}>
    <kam-alerts severity=${args.severity} snooze-days=${args['snooze-days']} ${withArgs(args)}></kam-alerts></kam-provider>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = { name: 'Whole book (provider)' };

export const OneAccount: Story = {
  name: 'One account, with next best actions',
  render: () => html`<kam-provider hide-status .store=${store()}><kam-alerts account-id=${ACCOUNT}></kam-alerts></kam-provider>`,
};

export const FromProperties: Story = {
  name: 'Alone, from .alerts',
  render: () => html`<kam-alerts .alerts=${evaluateAlerts(book(), { now: NOW, currency: 'CNY', fx: sampleFxTable })}></kam-alerts>`,
};

export const Loading: Story = {
  render: () => html`<kam-provider hide-status .source=${new MemorySource(book(), { latency: 600_000 })}><kam-alerts></kam-alerts></kam-provider>`,
};

export const Empty: Story = { render: () => html`<kam-alerts .alerts=${[]}></kam-alerts>` };

export const Error: Story = {
  render: () => html`<kam-provider hide-status .source=${new MemorySource(book(), { fail: () => new globalThis.Error('HTTP 503 from the CRM relay') })}><kam-alerts></kam-alerts></kam-provider>`,
};

export const LargeData: Story = {
  tags: ['!autodocs'], // on its own page only: the docs page renders every story at once
  name: 'Large data (1,000-account book)',
  render: () => html`<kam-provider hide-status .store=${store(book(1000))}><kam-alerts page-size="30"></kam-alerts></kam-provider>`,
};

export const Dark: Story = { render: () => html`<div style="background:#0d1117;padding:12px"><kam-provider hide-status theme="dark" .store=${store()}><kam-alerts></kam-alerts></kam-provider></div>` };

export const Chinese: Story = { name: 'zh-CN', render: () => html`<kam-provider hide-status locale="zh-CN" .store=${store()}><kam-alerts></kam-alerts></kam-provider>` };

export const Narrow: Story = {
  name: 'Narrow (360 px)',
  render: () => html`<div style="width:360px;border:1px dashed #999"><kam-provider hide-status .store=${store()}><kam-alerts account-id=${ACCOUNT}></kam-alerts></kam-provider></div>`,
};
