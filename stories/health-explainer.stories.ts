import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withArgs } from './support/args.js';
import { Store } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { defaultHealthModel, scoreAccount, type Signals } from '@kamkit/core/health';
import { generateSampleBook } from '@kamkit/core/sample';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/health-explainer/define.js';

const NOW = '2026-11-23T00:00:00Z';
const clock = () => new Date(NOW);
const store = () => Store.fromBook(generateSampleBook({ seed: 6, accounts: 40, now: NOW }), { now: clock });

const signals: Signals = {
  'renewal.daysToRenewal': 40, 'payment.avgDaysLate': 25, 'payment.overdueShare': 0.2, 'orders.trend': -0.2,
  'tickets.count90d': 4, 'tickets.severity90d': 6, 'activity.daysSinceLast': 20, 'activity.count90d': 5,
  'contacts.engaged': 2, 'relationship.execSponsor': 0, 'relationship.decisionMakerReached': 1,
  'satisfaction.nps': 10, 'satisfaction.csat': 3.8,
};
const result = scoreAccount(defaultHealthModel, signals, { accountId: 'acc-1', now: NOW, previous: { score: 71, at: '2026-10-01T00:00:00Z' } });
const overridden = scoreAccount(defaultHealthModel, signals, {
  accountId: 'acc-1', now: NOW,
  overrides: [{ id: 'o1', accountId: 'acc-1', value: 35, reason: 'Executive sponsor left; budget frozen', author: '王丽', createdAt: '2026-11-10T00:00:00Z', expiresAt: '2027-01-31T00:00:00Z', onlyLower: true }],
});

const meta: Meta = {
  title: 'Elements/Health explainer',
  component: 'kam-health-explainer',
  args: { view: 'chart', 'what-if': false },
  argTypes: { view: { control: 'inline-radio', options: ['chart', 'table'] } },
  render: (args) => html`<kam-health-explainer style="max-width:760px" view=${args.view} ?what-if=${args['what-if']}
      .result=${result} .signals=${signals} ${withArgs(args)}
      @kam-override-request=${(e: CustomEvent) => console.log('kam-override-request', e.detail)}></kam-health-explainer>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};
export const Table: Story = { name: 'Table alternative', args: { view: 'table' } };
export const WhatIf: Story = { name: 'What-if mode', args: { 'what-if': true } };
export const Overridden: Story = { render: () => html`<kam-health-explainer style="max-width:760px" .result=${overridden}></kam-health-explainer>` };

export const FromProvider: Story = {
  name: 'From a provider (account-id)',
  render: () => {
    const s = store();
    return html`<kam-provider .store=${s}><kam-health-explainer style="max-width:760px" account-id=${s.all('accounts')[2].id}></kam-health-explainer></kam-provider>`;
  },
};

export const Loading: Story = {
  render: () => html`<kam-provider hide-status .source=${new MemorySource(generateSampleBook({ seed: 6, accounts: 10, now: NOW }), { latency: 600_000 })}>
    <kam-health-explainer account-id="acc-1"></kam-health-explainer></kam-provider>`,
};

export const Empty: Story = { render: () => html`<kam-health-explainer></kam-health-explainer>` };

export const Error: Story = {
  name: 'Error (unknown account)',
  render: () => html`<kam-provider hide-status .store=${store()}><kam-health-explainer account-id="no-such-account"></kam-health-explainer></kam-provider>`,
};

export const LargeData: Story = {
  tags: ['!autodocs'], // on its own page only: the docs page renders every story at once
  name: 'Large data (every account of a 2,000-account book)',
  render: () => {
    const s = Store.fromBook(generateSampleBook({ seed: 8, accounts: 2000, now: NOW }), { now: clock });
    const worst = [...s.all('accounts')].slice(0, 3);
    return html`<kam-provider .store=${s}>${worst.map((a) => html`<kam-health-explainer style="max-width:760px;margin-bottom:24px" account-id=${a.id}></kam-health-explainer>`)}</kam-provider>`;
  },
};

export const Dark: Story = {
  render: () => html`<div style="background:#0d1117;padding:12px"><kam-health-explainer theme="dark" what-if .result=${result} .signals=${signals}></kam-health-explainer></div>`,
};

export const ChineseLocale: Story = {
  name: 'zh-CN',
  render: () => html`<kam-health-explainer locale="zh-CN" style="max-width:760px" .result=${overridden}></kam-health-explainer>`,
};

export const Narrow: Story = {
  name: 'Narrow (360 px)',
  render: () => html`<div style="width:360px"><kam-health-explainer what-if .result=${result} .signals=${signals}></kam-health-explainer></div>`,
};
