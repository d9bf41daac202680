import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { Store } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/account-list/define.js';

const NOW = '2026-11-23T00:00:00Z';
const clock = () => new Date(NOW);
const book = (accounts = 300) => generateSampleBook({ seed: 2, accounts, now: NOW });

const meta: Meta = {
  title: 'Elements/Provider',
  component: 'kam-provider',
  args: { theme: 'light', locale: 'en', currency: 'CNY' },
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  render: (args) => html`<kam-provider theme=${args.theme} locale=${args.locale} currency=${args.currency} .fx=${sampleFxTable} .clock=${clock}
      .source=${new MemorySource(book(), { latency: 40, maxPageSize: 100 })}>
    <kam-account-list style="height:360px"></kam-account-list>
  </kam-provider>`,
};
export default meta;
type Story = StoryObj;

/** Loads a 300-account book page by page (progress in the status bar), then the list appears. */
export const Default: Story = {};

export const Loading: Story = {
  render: () => html`<kam-provider .source=${new MemorySource(book(), { latency: (call) => (call === 'list' ? 1500 : 100), maxPageSize: 50 })}>
    <kam-account-list style="height:300px"></kam-account-list></kam-provider>`,
};

export const Empty: Story = {
  name: 'Empty (no source)',
  render: () => html`<kam-provider><kam-account-list style="height:200px"></kam-account-list></kam-provider>`,
};

export const Error: Story = {
  name: 'Error (source fails, with retry)',
  render: () => {
    let failures = 1;
    const source = new MemorySource(book(50), { fail: (call, d) => (call === 'list' && d.kind === 'accounts' && failures-- > 0 ? new globalThis.Error('CRM answered 503 Service Unavailable') : undefined) });
    return html`<kam-provider .source=${source}><kam-account-list style="height:300px"></kam-account-list></kam-provider>`;
  },
};

export const MissingAdapter: Story = {
  name: 'Error (REST endpoint unreachable)',
  // the browser itself logs the 404 of the request the provider makes
  parameters: { smoke: { expectedConsoleErrors: ['/no-such-kam-api/v1/'] } },
  render: () => html`<kam-provider endpoint="/no-such-kam-api/v1"><kam-account-list style="height:200px"></kam-account-list></kam-provider>`,
};

export const LargeData: Story = {
  tags: ['!autodocs'], // on its own page only: the docs page renders every story at once
  name: 'Large data (20,000 accounts)',
  render: () => html`<kam-provider .source=${new MemorySource(generateSampleBook({ seed: 9, accounts: 20_000, related: false, now: NOW }), { maxPageSize: 2000 })}>
    <kam-account-list style="height:480px"></kam-account-list></kam-provider>`,
};

export const Dark: Story = {
  render: () => html`<div style="background:#0d1117;padding:12px"><kam-provider theme="dark" .store=${Store.fromBook(book(40), { now: clock })}>
    <kam-account-list style="height:300px"></kam-account-list></kam-provider></div>`,
};

export const ChineseLocale: Story = {
  name: 'zh-CN',
  render: () => html`<kam-provider locale="zh-CN" .source=${new MemorySource(book(80), { latency: 30, maxPageSize: 20 })}>
    <kam-account-list style="height:300px"></kam-account-list></kam-provider>`,
};

export const Narrow: Story = {
  name: 'Narrow (360 px)',
  render: () => html`<div style="width:360px"><kam-provider .store=${Store.fromBook(book(40), { now: clock })}>
    <kam-account-list style="height:360px"></kam-account-list></kam-provider></div>`,
};
