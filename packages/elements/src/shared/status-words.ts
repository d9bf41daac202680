// The words for a ticket's status and severity and an order's status: one table for every element
// that shows them (the 360 view's tables, the timeline's entries), so one status reads the same
// everywhere on a page. English is bundled; zh-CN is its own module, loaded on first use.
import type { Order, Ticket } from '@kamkit/core';
import { defineStrings } from './i18n.js';

const en = {
  open: 'open', pending: 'pending', resolved: 'resolved', closed: 'closed',
  fulfilled: 'fulfilled', cancelled: 'cancelled',
  critical: 'critical', high: 'high', medium: 'medium', low: 'low',
} satisfies Record<Ticket['status'] | Ticket['severity'] | Order['status'], string>; // a status the core adds is a type error here
/** Every locale's table has exactly these keys (status-words.zh-CN.ts is checked against it). */
export type StatusWordsEn = typeof en;

/** `statusWord(locale, ticket.status)`, `statusWord(locale, ticket.severity)`, `statusWord(locale, order.status)`. */
export const statusWord = defineStrings({ id: 'status words', en, 'zh-CN': () => import('./status-words.zh-CN.js') });
