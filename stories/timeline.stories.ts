import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withArgs } from './support/args.js';
import { Store, type Activity, type Book } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { generateSampleBook } from '@kamkit/core/sample';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/timeline/define.js';

const NOW = '2026-11-23T00:00:00Z';
const book = (): Book => generateSampleBook({ seed: 5, accounts: 24, now: NOW });
const store = (b: Partial<Book> = book()) => Store.fromBook(b, { now: () => new Date(NOW) });
const ACCOUNT = 'acc-00008';

const meta: Meta = {
  title: 'Elements/Timeline',
  component: 'kam-timeline',
  args: { 'page-size': 20, 'include-tickets': true, 'include-orders': false },
  render: (args) => html`<kam-provider hide-status .store=${store()}>
    <kam-timeline account-id=${ACCOUNT} page-size=${args['page-size']} ?include-tickets=${args['include-tickets']} ?include-orders=${args['include-orders']} ${withArgs(args)}></kam-timeline></kam-provider>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};

export const FromProperties: Story = {
  name: 'Alone, paged by the host (kam-timeline-load-more)',
  render: () => {
    const all = [...store().byAccount('activities', ACCOUNT)].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
    const onMore = (e: CustomEvent<{ offset: number; pageSize: number }>) => {
      const el = e.target as HTMLElement & { activities: Activity[]; complete: boolean };
      setTimeout(() => { el.activities = all.slice(0, e.detail.offset + e.detail.pageSize); el.complete = el.activities.length >= all.length; }, 300);
    };
    return html`<div style="height:420px;overflow:auto"><kam-timeline page-size="15" .activities=${all.slice(0, 15)} @kam-timeline-load-more=${onMore}></kam-timeline></div>`;
  },
};

export const Loading: Story = {
  render: () => html`<kam-provider hide-status .source=${new MemorySource(book(), { latency: 600_000 })}><kam-timeline account-id=${ACCOUNT}></kam-timeline></kam-provider>`,
};

export const Empty: Story = { render: () => html`<kam-timeline .activities=${[]}></kam-timeline>` };

export const Error: Story = {
  render: () => html`<kam-provider hide-status .source=${new MemorySource(book(), { fail: () => new globalThis.Error('HTTP 503 from the CRM relay') })}><kam-timeline account-id=${ACCOUNT}></kam-timeline></kam-provider>`,
};

export const LargeData: Story = {
  tags: ['!autodocs'], // on its own page only: the docs page renders every story at once
  name: 'Large data (20,000 activities, loads on scroll)',
  render: () => {
    const types = ['visit', 'call', 'meeting', 'email', 'exhibition', 'web_enquiry', 'note'] as const;
    const acts: Activity[] = Array.from({ length: 20_000 }, (_, i) => ({ id: `x${i}`, accountId: 'a', type: types[i % types.length], subject: `Touch point ${i}`, occurredAt: new Date(Date.parse(NOW) - i * 3_600_000 * 3).toISOString(), sourceIds: {} }));
    return html`<div style="height:480px;overflow:auto"><kam-timeline complete .activities=${acts}></kam-timeline></div>`;
  },
};

export const Dark: Story = {
  render: () => html`<div style="background:#0d1117;padding:12px"><kam-provider hide-status theme="dark" .store=${store()}><kam-timeline account-id=${ACCOUNT} include-tickets></kam-timeline></kam-provider></div>`,
};

export const Chinese: Story = {
  name: 'zh-CN',
  render: () => html`<kam-provider hide-status locale="zh-CN" .store=${store()}><kam-timeline account-id=${ACCOUNT} include-tickets include-orders></kam-timeline></kam-provider>`,
};

export const Narrow: Story = {
  name: 'Narrow (360 px)',
  render: () => html`<div style="width:360px;border:1px dashed #999"><kam-provider hide-status .store=${store()}><kam-timeline account-id=${ACCOUNT}></kam-timeline></kam-provider></div>`,
};

export const NoProvider: Story = { name: 'Error: no <kam-provider> above it', render: () => html`<kam-timeline account-id=${ACCOUNT}></kam-timeline>` };
