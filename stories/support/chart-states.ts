// The renders behind the state stories every chart and the KPI tile share (default, loading,
// empty, error, large data, dark, zh-CN, narrow): one place instead of eight near-copies. Each
// story file keeps its own names and tags literal, since Storybook's indexer reads them statically.
import { Store } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';
import { sampleStore, SAMPLE_NOW } from './sample-store.js';
import { applyArgs } from './args.js';
import '../../packages/elements/src/provider/define.js';

// A book with pipelines and nothing else: every chart's empty state.
const emptyStore = () =>
  Store.fromBook({ pipelines: generateSampleBook({ seed: 5, accounts: 1, now: SAMPLE_NOW }).pipelines }, { now: () => new Date(SAMPLE_NOW) });

export function chartStates(tag: string) {
  const chart = (attrs: Record<string, string> = {}, props: Record<string, unknown> = {}) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    return Object.assign(el, props);
  };
  // the provider's status bar is part of the story: it shares the chart's theme and language
  const inProvider = (store: Store, child: HTMLElement, attrs: Record<string, string> = {}) => {
    const provider = Object.assign(document.createElement('kam-provider'), { store });
    for (const [k, v] of Object.entries(attrs)) provider.setAttribute(k, v);
    provider.append(child);
    return provider;
  };
  const box = (style: string, child: HTMLElement) => {
    const div = document.createElement('div');
    div.setAttribute('style', style);
    div.append(child);
    return div;
  };
  return {
    default: (args: Record<string, unknown> = {}) => inProvider(sampleStore(), applyArgs(chart(), args)),
    loading: () => chart({ loading: '' }),
    empty: () => inProvider(emptyStore(), chart()),
    error: () => chart({}, { error: 'the CRM did not answer (HTTP 503)' }),
    large: () => inProvider(sampleStore(3000), chart()),
    dark: () => box('background:#0d1117;padding:12px', inProvider(sampleStore(), chart({ theme: 'dark' }), { theme: 'dark' })),
    zhCN: () => inProvider(sampleStore(), chart({ locale: 'zh-CN' }), { locale: 'zh-CN' }),
    narrow: () => box('width:360px', inProvider(sampleStore(), chart())),
  };
}

