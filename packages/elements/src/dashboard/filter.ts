// What a filter change does: the new filters, the words the live region says and the
// `kam-dashboard-filter-change` event. Only a user's change needs it: its own chunk (see
// filter-loader.ts), fetched when focus or the pointer reaches the dashboard; a change made before
// it is here applies once it is.
import type { Slice } from '@kamkit/core/analytics';
import type { KamStore } from '../shared/context.js';
import { emit } from '../shared/events.js';
import type { DashboardFilters } from './kam-dashboard.js';
import type { dashT } from './strings.js';

/** What of the element this code reads and sets (private there: the element hands itself in). */
export interface FilterHost extends HTMLElement {
  filters: DashboardFilters;
  announcement: string;
  readonly store?: KamStore;
  readonly resolvedLocale: Parameters<typeof dashT>[0];
  /** The element's strings and slice (handed over: importing them here would split them out of the up-front bundle into files of their own). */
  words: typeof dashT;
  sliceOf(f: DashboardFilters): Slice;
}

export function setFilter(host: FilterHost, key: keyof DashboardFilters, value: string): void {
  const filters = { ...host.filters, [key]: value || undefined } as DashboardFilters;
  if (key === 'period') filters.period = (value || 'quarter') as DashboardFilters['period'];
  host.filters = filters;
  const l = host.resolvedLocale, w = host.words;
  const label = (k: 'pipelineId' | 'owner' | 'region' | 'industry', v: string) =>
    k === 'pipelineId' ? host.store?.pipelines().find((p) => p.id === v)?.name ?? v : k === 'owner' ? host.store?.get('users', v)?.name ?? v : v;
  const parts = (['pipelineId', 'owner', 'region', 'industry'] as const).filter((k) => filters[k]).map((k) => w(l, 'pair', { name: w(l, k === 'pipelineId' ? 'pipeline' : k), value: label(k, filters[k]!) }));
  host.announcement = w(l, 'updated', { filters: [w(l, filters.period), ...parts].join(w(l, 'sep')) || w(l, 'none') });
  emit(host, 'kam-dashboard-filter-change', { filters, slice: host.sliceOf(filters) });
}
