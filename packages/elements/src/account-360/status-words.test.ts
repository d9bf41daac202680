// One status, one word: the 360 view's ticket and order tables and the timeline's entries take
// their status words from one table (shared/status-words.ts). Before, an open ticket read 进行中
// in the 360 view and 处理中 in the timeline next to it.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Account, Order, Ticket } from '@kamkit/core';
import './define.js';
import '../timeline/define.js';
import type { KamAccount360 } from './kam-account-360.js';
import type { KamTimeline } from '../timeline/kam-timeline.js';
import type { Locale } from '../shared/i18n.js';
import { sampleBook } from './test-fixtures.js';

const book = sampleBook();
const account = book.accounts!.find((a) => a.id === 'acc-1') as Account;
const ticket = (id: string, status: Ticket['status'], severity: Ticket['severity']): Ticket => ({
  id, accountId: 'acc-1', subject: `Ticket ${id}`, severity, status, openedAt: '2026-11-01T02:00:00Z', sourceIds: {},
});
const order = (id: string, status: Order['status']): Order => ({
  id, accountId: 'acc-1', orderedAt: '2026-10-01', amount: { amount: 1_000, currency: 'CNY' }, status, sourceIds: {},
});
// every ticket status and severity, every order status
const tickets = [ticket('k-open', 'open', 'critical'), ticket('k-pending', 'pending', 'high'), ticket('k-resolved', 'resolved', 'medium'), ticket('k-closed', 'closed', 'low')];
const orders = [order('o-open', 'open'), order('o-fulfilled', 'fulfilled'), order('o-cancelled', 'cancelled')];

const cells = (root: ShadowRoot, id: string) => [...root.querySelectorAll<HTMLElement>(`tr[data-id="${id}"] td`)].map((td) => td.textContent!.trim());
/** The timeline's meta line of an entry: "severity · status" for a ticket, the status for an order. */
const meta = (el: KamTimeline, id: string) => el.shadowRoot!.querySelector(`.entry[data-id="${id}"] .meta`)!.textContent!.trim().split(' · ');

async function render(locale: Locale): Promise<{ view: KamAccount360; timeline: KamTimeline }> {
  const page = await fixture<HTMLElement>(html`<div>
    <kam-account-360 locale=${locale} .data=${{ account, tickets, orders }}></kam-account-360>
    <kam-timeline locale=${locale} .activities=${[]} .tickets=${tickets} .orders=${orders}></kam-timeline>
  </div>`);
  const view = page.querySelector<KamAccount360>('kam-account-360')!;
  const timeline = page.querySelector<KamTimeline>('kam-timeline')!;
  await Promise.all([view.updateComplete, timeline.updateComplete]);
  await waitUntil(() => view.shadowRoot!.querySelector('tr[data-id="k-open"]') && timeline.shadowRoot!.querySelector('.entry[data-id="k-open"]'), 'both show the tickets', { timeout: 5000 });
  return { view, timeline };
}

describe('status words in <kam-account-360> and <kam-timeline>', () => {
  for (const [locale, words] of [
    ['en', { 'k-open': ['critical', 'open'], 'k-pending': ['high', 'pending'], 'k-resolved': ['medium', 'resolved'], 'k-closed': ['low', 'closed'],
      'o-open': 'open', 'o-fulfilled': 'fulfilled', 'o-cancelled': 'cancelled' }],
    ['zh-CN', { 'k-open': ['紧急', '处理中'], 'k-pending': ['高', '待处理'], 'k-resolved': ['中', '已解决'], 'k-closed': ['低', '已关闭'],
      'o-open': '处理中', 'o-fulfilled': '已履行', 'o-cancelled': '已取消' }],
  ] as const) {
    it(`shows the same word for the same ticket or order status in both, in ${locale}`, async () => {
      const { view, timeline } = await render(locale);
      for (const k of tickets) {
        const [severity, status] = words[k.id as 'k-open'];
        // 360 tickets table: subject, severity (glyph + word), status, …
        const row = cells(view.shadowRoot!, k.id);
        expect(row[1], `${k.id} severity in the 360 view`).to.match(new RegExp(`${severity}$`));
        expect(row[2], `${k.id} status in the 360 view`).to.equal(status);
        expect(meta(timeline, k.id), `${k.id} in the timeline`).to.deep.equal([severity, status]);
      }
      for (const o of orders) {
        const status = words[o.id as 'o-open'];
        // 360 orders table: date, amount, status
        expect(cells(view.shadowRoot!, o.id)[2], `${o.id} in the 360 view`).to.equal(status);
        expect(meta(timeline, o.id), `${o.id} in the timeline`).to.deep.equal([status]);
      }
    });
  }
});
