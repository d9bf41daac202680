import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withArgs } from './support/args.js';
import { Store } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { generateSampleBook } from '@kamkit/core/sample';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/health-badge/define.js';

const NOW = '2026-11-23T00:00:00Z';
const book = () => generateSampleBook({ seed: 5, accounts: 24, now: NOW });
const store = () => Store.fromBook(book(), { now: () => new Date(NOW) });

const meta: Meta = {
  title: 'Elements/Health badge',
  component: 'kam-health-badge',
  args: { score: 62, band: '', 'band-label': 'text' },
  argTypes: { 'band-label': { control: 'inline-radio', options: ['text', 'none'] } },
  render: (args) => html`<kam-health-badge score=${args.score} band=${args.band || ''} band-label=${args['band-label']} ${withArgs(args)}></kam-health-badge>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};

export const Bands: Story = {
  render: () => html`<div style="display:flex;gap:8px;flex-wrap:wrap">
    <kam-health-badge score="31"></kam-health-badge>
    <kam-health-badge score="62"></kam-health-badge>
    <kam-health-badge score="88"></kam-health-badge>
    <kam-health-badge score="68" band="blue"></kam-health-badge>
    <kam-health-badge score="88" band-label="none"></kam-health-badge>
  </div>`,
};

export const FromProvider: Story = {
  name: 'From a provider (account-id)',
  render: () => {
    const s = store();
    return html`<kam-provider .store=${s}>
      <ul style="list-style:none;padding:0;display:grid;gap:6px">
        ${s.all('accounts').slice(0, 8).map((a) => html`<li style="display:flex;gap:8px;align-items:center"><kam-health-badge account-id=${a.id}></kam-health-badge> ${a.name}</li>`)}
      </ul></kam-provider>`;
  },
};

export const Loading: Story = {
  render: () => html`<kam-provider hide-status .source=${new MemorySource(book(), { latency: 600_000 })}>
    <kam-health-badge account-id="acc-1"></kam-health-badge></kam-provider>`,
};

export const Empty: Story = { name: 'Empty (no score)', render: () => html`<kam-health-badge></kam-health-badge>` };

export const NoProvider: Story = {
  name: 'Error: no <kam-provider> above it (hover: the hint is its tooltip)',
  render: () => html`<kam-health-badge account-id="acc-1"></kam-health-badge>`,
};

export const Error: Story = {
  name: 'Error (unknown account)',
  render: () => html`<kam-provider hide-status .store=${store()}><kam-health-badge account-id="no-such-account"></kam-health-badge></kam-provider>`,
};

/** A badge shows one score: its large-data case is many badges on one page (a list's health column). */
export const LargeData: Story = {
  tags: ['!autodocs'], // on its own page only: the docs page renders every story at once
  name: 'Large data (500 badges)',
  render: () => html`<div style="display:flex;gap:4px;flex-wrap:wrap">
    ${Array.from({ length: 500 }, (_, i) => html`<kam-health-badge band-label="none" score=${(i * 37) % 101}></kam-health-badge>`)}</div>`,
};

export const Dark: Story = {
  render: () => html`<div style="background:#0d1117;padding:12px;display:flex;gap:8px">
    <kam-health-badge theme="dark" score="31"></kam-health-badge>
    <kam-health-badge theme="dark" score="62"></kam-health-badge>
    <kam-health-badge theme="dark" score="88"></kam-health-badge>
  </div>`,
};

export const ChineseLocale: Story = {
  name: 'zh-CN',
  render: () => html`<div lang="zh-CN" style="display:flex;gap:8px">
    <kam-health-badge score="31"></kam-health-badge>
    <kam-health-badge score="62"></kam-health-badge>
    <kam-health-badge score="88"></kam-health-badge>
  </div>`,
};

export const Narrow: Story = {
  name: 'Narrow (360 px)',
  render: () => html`<div style="width:360px;border:1px dashed #ccc;padding:8px;display:flex;gap:6px;flex-wrap:wrap">
    <kam-health-badge score="31"></kam-health-badge><kam-health-badge score="62"></kam-health-badge>
    <kam-health-badge locale="zh-CN" score="88"></kam-health-badge></div>`,
};
