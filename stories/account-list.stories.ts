import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withArgs } from './support/args.js';
import { Store } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { generateSampleBook } from '@kamkit/core/sample';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/account-list/define.js';
import type { AccountColumn } from '../packages/elements/src/account-list/kam-account-list.js';

const NOW = '2026-11-23T00:00:00Z';
const clock = () => new Date(NOW);
const store = (accounts = 200) => Store.fromBook(generateSampleBook({ seed: 4, accounts, now: NOW }), { now: clock });

const meta: Meta = {
  title: 'Elements/Account list',
  component: 'kam-account-list',
  args: { selection: 'single', 'row-height': 40 },
  argTypes: { selection: { control: 'inline-radio', options: ['single', 'multi', 'none'] } },
  render: (args) => html`<kam-provider .store=${store()}>
    <kam-account-list style="height:480px" selection=${args.selection} row-height=${args['row-height']} ${withArgs(args)}
      @kam-account-select=${(e: CustomEvent) => console.log('kam-account-select', e.detail.ids)}
      @kam-account-open=${(e: CustomEvent) => console.log('kam-account-open', e.detail.id)}></kam-account-list>
  </kam-provider>`,
};
export default meta;
type Story = StoryObj;

/** 200 accounts from a provider: health scored from the store, filters from the data. */
export const Default: Story = {};

export const MultiSelect: Story = { args: { selection: 'multi' } };

export const CustomColumns: Story = {
  name: 'Configured columns (money, number, date)',
  render: () => {
    const columns: AccountColumn[] = [
      { key: 'name', width: 'minmax(12em, 2fr)' },
      { key: 'annualRevenue', format: 'money', width: '10em' },
      { key: 'employees', label: 'Employees', format: 'number', width: '8em' },
      { key: 'createdAt', label: 'Customer since', format: 'date', width: '9em' },
      { key: 'tags', label: 'Tags', value: (a) => a.tags.join(', '), sortable: false },
      { key: 'health', format: 'health', width: '8.5em' },
    ];
    return html`<kam-provider .store=${store()}><kam-account-list style="height:420px" .columns=${columns} sort-key="annualRevenue" sort-dir="desc"></kam-account-list></kam-provider>`;
  },
};

export const Loading: Story = {
  render: () => html`<kam-provider .source=${new MemorySource(generateSampleBook({ seed: 4, accounts: 50, now: NOW }), { latency: 600_000 })}>
    <kam-account-list style="height:240px"></kam-account-list></kam-provider>`,
};

export const Empty: Story = { render: () => html`<kam-account-list style="height:200px" .accounts=${[]}></kam-account-list>` };

export const NoProvider: Story = { name: 'Error: no <kam-provider> above it', render: () => html`<kam-account-list style="height:200px"></kam-account-list>` };

export const NoMatch: Story = {
  name: 'Empty (no match)',
  render: () => html`<kam-provider .store=${store(50)}><kam-account-list style="height:240px" search="no-such-account"></kam-account-list></kam-provider>`,
};

export const Error: Story = {
  render: () => html`<kam-provider .source=${new MemorySource({}, { fail: () => new globalThis.Error('token expired (401)') })}>
    <kam-account-list style="height:200px"></kam-account-list></kam-provider>`,
};

/**
 * 100,000 accounts from the sample generator (accounts only, no related records, so it stays
 * quick to build): the list renders only the rows in view. Not on the docs page.
 */
export const LargeData: Story = {
  name: 'Large data (100,000 accounts)',
  tags: ['!autodocs'],
  render: () => {
    const big = generateSampleBook({ seed: 4, accounts: 100_000, related: false, now: NOW });
    return html`<kam-account-list style="height:560px" .accounts=${big.accounts} .users=${big.users}></kam-account-list>`;
  },
};

export const Dark: Story = {
  render: () => html`<div style="background:#0d1117;padding:12px"><kam-provider theme="dark" .store=${store(80)}>
    <kam-account-list style="height:420px"></kam-account-list></kam-provider></div>`,
};

export const ChineseLocale: Story = {
  name: 'zh-CN',
  render: () => html`<kam-provider locale="zh-CN" .store=${store(80)}><kam-account-list style="height:420px"></kam-account-list></kam-provider>`,
};

/**
 * An account selected far down a 2,000-row list before it renders: it is scrolled into view
 * (centred, the active row), once. Not on the docs page (the docs page would scroll to it).
 */
export const SelectedFarDown: Story = {
  name: 'Selected far down (shown at first render)',
  tags: ['!autodocs'],
  render: () => {
    const book = generateSampleBook({ seed: 4, accounts: 2000, related: false, now: NOW });
    return html`<kam-account-list style="height:420px" .accounts=${book.accounts} .users=${book.users} .selectedIds=${[book.accounts[1500].id]}></kam-account-list>`;
  },
};

/** Rows preselected in plain HTML: `selected-ids` takes account ids separated by spaces or commas. */
export const PreselectedInHtml: Story = {
  name: 'Preselected in HTML (selected-ids)',
  render: () => html`<kam-provider .store=${store()}>
    <kam-account-list style="height:480px" selection="multi" selected-ids="acc-00003, acc-00007"></kam-account-list>
  </kam-provider>`,
};

/** Industry, owner, region and tier give way to keep the name and the health; their values show under the name. */
export const Narrow: Story = {
  name: 'Narrow (360 px)',
  render: () => html`<div style="width:360px"><kam-provider .store=${store(60)}><kam-account-list style="height:520px"></kam-account-list></kam-provider></div>`,
};
