import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  label: 'Activity timeline',
  channels: 'Filter by channel',
  allContacts: 'All contacts',
  contact: 'Contact',
  visit: 'Visit', call: 'Call', meeting: 'Meeting', email: 'Email', exhibition: 'Exhibition',
  web_enquiry: 'Web enquiry', note: 'Note', task: 'Task', other: 'Other', ticket: 'Ticket', order: 'Order',
  inbound: 'inbound', outbound: 'outbound',
  loading: 'Loading activities…',
  empty: 'No activities yet.',
  emptyFiltered: 'No activities match these filters.',
  clearFilters: 'Clear filters',
  showMore: 'Show more',
  shown: 'Touch points: {total}', // what the filters match: a page scrolled into view announces nothing
  orderSubject: 'Order {amount}',
  ticketMeta: '{severity} · {status}',
  withContact: 'with {name}',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const t = defineStrings({ id: 'timeline', en, 'zh-CN': () => import('./strings.zh-CN.js') });
export type TimelineKey = Parameters<typeof t>[1];
