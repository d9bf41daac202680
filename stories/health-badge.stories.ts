import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/elements/src/health-badge/define.js';

const meta: Meta = {
  title: 'Elements/Health badge',
  component: 'kam-health-badge',
  args: { score: 62 },
  render: (args) => html`<kam-health-badge score=${args.score}></kam-health-badge>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};

export const Bands: Story = {
  render: () => html`<div style="display:flex;gap:8px;flex-wrap:wrap">
    <kam-health-badge score="31"></kam-health-badge>
    <kam-health-badge score="62"></kam-health-badge>
    <kam-health-badge score="88"></kam-health-badge>
    <kam-health-badge score="55" band="blue"></kam-health-badge>
    <kam-health-badge score="88" band-label="none"></kam-health-badge>
  </div>`,
};

export const NoScore: Story = { render: () => html`<kam-health-badge></kam-health-badge>` };

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
