import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withArgs } from './support/args.js';
import { Store, type Book, type Contact } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { generateSampleBook } from '@kamkit/core/sample';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/stakeholder-map/define.js';

const NOW = '2026-11-23T00:00:00Z';
const book = (): Book => generateSampleBook({ seed: 5, accounts: 24, now: NOW });
const store = (b: Partial<Book> = book()) => Store.fromBook(b, { now: () => new Date(NOW) });
const ACCOUNT = 'acc-00008';

const committee: Contact[] = [
  { id: 'c1', accountId: 'a', name: '张敏', title: '总经理', role: 'decision_maker', influence: 5, relationshipStrength: 2, sourceIds: {} },
  { id: 'c2', accountId: 'a', name: '王芳', title: '财务总监', role: 'economic_buyer', influence: 4, relationshipStrength: 3, reportsToId: 'c1', sourceIds: {} },
  { id: 'c3', accountId: 'a', name: '陈杰', title: '生产部长', role: 'champion', influence: 3, relationshipStrength: 5, reportsToId: 'c1', sourceIds: {} },
  { id: 'c4', accountId: 'a', name: '刘洋', title: '设备工程师', role: 'user', influence: 1, relationshipStrength: 4, reportsToId: 'c3', sourceIds: {} },
  { id: 'c5', accountId: 'a', name: '赵磊', title: '采购经理', role: 'blocker', influence: 3, relationshipStrength: 1, reportsToId: 'c2', sourceIds: {} },
  { id: 'c6', accountId: 'a', name: 'Sun Li', title: 'IT Director', role: 'influencer', influence: 3, reportsToId: 'c1', sourceIds: {} },
];

const meta: Meta = {
  title: 'Elements/Stakeholder map',
  component: 'kam-stakeholder-map',
  args: { view: 'map', 'engaged-days': 90 },
  argTypes: { view: { control: 'inline-radio', options: ['map', 'table'] } },
  render: (args) => html`<kam-stakeholder-map view=${args.view} engaged-days=${args['engaged-days']} .contacts=${committee} ${withArgs(args)}></kam-stakeholder-map>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};

export const Table: Story = { name: 'Table alternative', args: { view: 'table' } };

export const FromProvider: Story = {
  name: 'From a provider (account-id)',
  render: () => html`<kam-provider hide-status .store=${store()}><kam-stakeholder-map account-id=${ACCOUNT}></kam-stakeholder-map></kam-provider>`,
};

export const Loading: Story = {
  render: () => html`<kam-provider hide-status .source=${new MemorySource(book(), { latency: 600_000 })}><kam-stakeholder-map account-id=${ACCOUNT}></kam-stakeholder-map></kam-provider>`,
};

export const Empty: Story = { render: () => html`<kam-stakeholder-map .contacts=${[]}></kam-stakeholder-map>` };

export const Error: Story = {
  render: () => html`<kam-provider hide-status .source=${new MemorySource(book(), { fail: () => new globalThis.Error('HTTP 503 from the CRM relay') })}><kam-stakeholder-map account-id=${ACCOUNT}></kam-stakeholder-map></kam-provider>`,
};

export const LargeData: Story = {
  tags: ['!autodocs'], // on its own page only: the docs page renders every story at once
  name: 'Large data (400 people)',
  render: () => {
    const roles = ['user', 'influencer', 'user', 'champion', 'blocker'] as const;
    const cs: Contact[] = Array.from({ length: 400 }, (_, i) => ({ id: `p${i}`, accountId: 'a', name: `Person ${i}`, title: i ? 'Engineer' : 'CEO',
      role: i === 0 ? 'decision_maker' : roles[i % roles.length], influence: ((i * 7) % 5) + 1, relationshipStrength: ((i * 3) % 5) + 1,
      reportsToId: i === 0 ? undefined : `p${Math.floor((i - 1) / 5)}`, sourceIds: {} }));
    return html`<kam-stakeholder-map .contacts=${cs}></kam-stakeholder-map>`;
  },
};

export const Dark: Story = { render: () => html`<div style="background:#0d1117;padding:12px"><kam-stakeholder-map theme="dark" .contacts=${committee}></kam-stakeholder-map></div>` };

export const Chinese: Story = { name: 'zh-CN', render: () => html`<kam-stakeholder-map locale="zh-CN" .contacts=${committee}></kam-stakeholder-map>` };

export const Narrow: Story = {
  name: 'Narrow (360 px)',
  render: () => html`<div style="width:360px;border:1px dashed #999"><kam-stakeholder-map .contacts=${committee}></kam-stakeholder-map></div>`,
};

/** The table at 360 px keeps its words whole and scrolls sideways (it used to break names a letter a line). */
export const NarrowTable: Story = {
  name: 'Narrow table (360 px)',
  render: () => html`<div style="width:360px;border:1px dashed #999"><kam-stakeholder-map view="table" .contacts=${committee}></kam-stakeholder-map></div>`,
};

/** One manager with 14 reports in a 664 px box (the demo's first account): the reports wrap into rows that fit, hung from a line along each row. */
export const ManyReports: Story = {
  name: 'Many reports of one manager (664 px)',
  render: () => {
    const cs: Contact[] = Array.from({ length: 16 }, (_, i) => ({ id: `p${i}`, accountId: 'a', name: `Person ${i}`, title: i ? 'Head of Operations' : 'COO',
      role: i ? 'user' : 'decision_maker', influence: i === 1 ? 5 : 3, reportsToId: i === 0 ? undefined : i === 15 ? 'p1' : 'p0', sourceIds: {} }));
    return html`<div style="width:664px"><kam-stakeholder-map .contacts=${cs}></kam-stakeholder-map></div>`;
  },
};
