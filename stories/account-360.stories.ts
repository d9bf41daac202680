import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withArgs } from './support/args.js';
import { Store, type Book } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/account-360/define.js';

const NOW = '2026-11-23T00:00:00Z';
const book = (accounts = 24): Book => generateSampleBook({ seed: 5, accounts, now: NOW });
const store = (b: Partial<Book> = book()) => Store.fromBook(b, { now: () => new Date(NOW), fx: sampleFxTable });
/** acc-00008 is a parent account with subsidiaries, 13 contacts and about 100 activities. */
const PARENT = 'acc-00008';

const meta: Meta = {
  title: 'Elements/Account 360',
  component: 'kam-account-360',
  args: { 'account-id': PARENT },
  render: (args) => html`<kam-provider hide-status .store=${store()}><kam-account-360 account-id=${args['account-id']} ${withArgs(args)}></kam-account-360></kam-provider>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};

export const FromData: Story = {
  name: 'Alone, from a .data bundle',
  render: () => {
    const s = store();
    const of = <K extends 'contacts' | 'opportunities' | 'activities' | 'contracts' | 'orders' | 'invoices' | 'tickets' | 'teamMembers'>(k: K) => [...s.byAccount(k, PARENT)];
    const data = {
      account: s.get('accounts', PARENT)!, contacts: of('contacts'), opportunities: of('opportunities'), activities: of('activities'),
      contracts: of('contracts'), orders: of('orders'), invoices: of('invoices'), tickets: of('tickets'), teamMembers: of('teamMembers'),
      users: [...s.all('users')], pipelines: [...s.pipelines()], fx: sampleFxTable, reportingCurrency: 'CNY',
    };
    return html`<kam-account-360 .data=${data}></kam-account-360>`;
  },
};

export const Loading: Story = {
  render: () => html`<kam-provider hide-status .source=${new MemorySource(book(), { latency: 600_000 })}><kam-account-360 account-id=${PARENT}></kam-account-360></kam-provider>`,
};

/** Each section's empty state; focus or hover a key figure: its breakdown says "0 orders", "0 open deals", "Nothing overdue". */
export const Empty: Story = {
  name: 'Empty (an account with no related records)',
  render: () => html`<kam-account-360 .data=${{ account: { id: 'new', name: '新客户 New Customer Ltd', tier: 'C', tags: [], sourceIds: {} } }}></kam-account-360>`,
};

export const MissingId: Story = { name: 'Error: no account-id', render: () => html`<kam-provider hide-status .store=${store()}><kam-account-360></kam-account-360></kam-provider>` };

export const NoProvider: Story = { name: 'Error: no <kam-provider> above it', render: () => html`<kam-account-360 account-id=${PARENT}></kam-account-360>` };

export const NotFound: Story = { name: 'Error: unknown account', render: () => html`<kam-provider hide-status .store=${store()}><kam-account-360 account-id="no-such-account"></kam-account-360></kam-provider>` };

export const Quarantined: Story = {
  name: 'Error: record failed its schema',
  render: () => {
    const b = book();
    (b.accounts as unknown[]).push({ id: 'acc-broken', name: '', tier: 'A', employees: -3 });
    return html`<kam-provider hide-status .store=${store(b)}><kam-account-360 account-id="acc-broken"></kam-account-360></kam-provider>`;
  },
};

export const StoreError: Story = {
  name: 'Error: data source failed (retry)',
  render: () => html`<kam-provider hide-status .source=${new MemorySource(book(), { fail: () => new Error('HTTP 503 from the CRM relay') })}>
    <kam-account-360 account-id=${PARENT}></kam-account-360></kam-provider>`,
};

export const LargeData: Story = {
  tags: ['!autodocs'], // on its own page only: the docs page renders every story at once
  name: 'Large data (account with 5,000 activities and 2,000 orders)',
  render: () => {
    const b = book();
    for (let i = 0; i < 5000; i++) b.activities.push({ id: `big-a${i}`, accountId: PARENT, type: (['visit', 'call', 'email', 'meeting'] as const)[i % 4], subject: `Touch point ${i}`, occurredAt: new Date(Date.parse(NOW) - i * 3_600_000 * 5).toISOString(), sourceIds: {} });
    for (let i = 0; i < 2000; i++) b.orders.push({ id: `big-o${i}`, accountId: PARENT, orderedAt: new Date(Date.parse(NOW) - i * 86_400_000).toISOString().slice(0, 10), amount: { amount: 1000 + i, currency: i % 3 ? 'CNY' : 'USD' }, status: 'fulfilled', sourceIds: {} });
    return html`<kam-provider hide-status .store=${store(b)}><kam-account-360 account-id=${PARENT}></kam-account-360></kam-provider>`;
  },
};

export const Dark: Story = {
  render: () => html`<kam-provider hide-status theme="dark" .store=${store()}><div style="background:#0d1117;padding:12px"><kam-account-360 account-id=${PARENT}></kam-account-360></div></kam-provider>`,
};

export const Chinese: Story = {
  name: 'zh-CN',
  render: () => html`<kam-provider hide-status locale="zh-CN" .store=${store()}><kam-account-360 account-id=${PARENT}></kam-account-360></kam-provider>`,
};

export const Narrow: Story = {
  name: 'Narrow (360 px)',
  render: () => html`<div style="width:360px;border:1px dashed #999"><kam-provider hide-status .store=${store()}><kam-account-360 account-id=${PARENT}></kam-account-360></kam-provider></div>`,
};
