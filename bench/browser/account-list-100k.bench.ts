// <kam-account-list> with 100,000 accounts against @vaadin/grid with the same accounts and the
// same six text columns. Measured per run, both the same way: from appending the element to the
// frame in which the first row's text is in the DOM (first render), then from asking for the last
// row to the frame in which it is (scroll to end). value = ours, baseline = vaadin-grid.
import { defineWorkload } from '../types.js';
import '../../packages/elements/src/account-list/define.js';
import '@vaadin/grid/vaadin-grid.js';
import '@vaadin/grid/vaadin-grid-column.js';
import type { Account } from '@kamkit/core';
import type { KamAccountList, AccountColumn } from '../../packages/elements/src/account-list/kam-account-list.js';

const N = 100_000;
const FIELDS = ['name', 'region', 'industry', 'tier', 'ownerId', 'domain'] as const;

function accounts(): Account[] {
  const regions = ['华东', '华南', '华北', '西南', 'EMEA', 'Americas'];
  const industries = ['Manufacturing', 'Retail', 'Logistics', '医疗器械', 'Energy'];
  return Array.from({ length: N }, (_, i) => ({
    id: `acc-${i}`, name: i % 2 ? `Account ${i} Co., Ltd.` : `客户${i}有限公司`, region: regions[i % 6],
    industry: industries[(i * 7) % 5], tier: 'ABC'[(i * 13) % 3], ownerId: `u${i % 60}`, domain: `c${i}.example.com`, tags: [], sourceIds: {},
  }));
}

/** Resolves in the first animation frame where `done()` holds; returns the elapsed ms. */
function untilFrame(t0: number, done: () => boolean, limitMs = 20_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (done()) resolve(performance.now() - t0);
      else if (performance.now() - t0 > limitMs) reject(new Error('timed out waiting for rows'));
      else requestAnimationFrame(tick);
    };
    tick();
  });
}

const hasText = (root: ParentNode, selector: string, text: string) => [...root.querySelectorAll(selector)].some((n) => n.textContent?.trim() === text);

interface Ctx { data: Account[]; host: HTMLElement }

export default defineWorkload<Ctx>({
  name: 'account-list-100k',
  unit: 'ms',
  baselineLabel: '@vaadin/grid, same 100k accounts and columns',
  runs: 5,
  setup() {
    const host = document.createElement('div');
    host.style.cssText = 'width:1100px;height:600px';
    document.body.append(host);
    return { data: accounts(), host };
  },
  async measure({ data, host }) {
    const first = data[0].name, last = data[N - 1].name;
    // Ours.
    let t0 = performance.now();
    const list = document.createElement('kam-account-list') as KamAccountList;
    list.style.height = '600px';
    list.columns = FIELDS.map((f): AccountColumn => ({ key: f, value: f }));
    list.accounts = data;
    host.append(list);
    const oursFirst = await untilFrame(t0, () => !!list.shadowRoot && hasText(list.shadowRoot, '[role="gridcell"]', first));
    const rowsInDom = list.shadowRoot!.querySelectorAll('[part="row"]').length;
    t0 = performance.now();
    list.scrollToIndex(N - 1);
    const oursScroll = await untilFrame(t0, () => hasText(list.shadowRoot!, '[role="gridcell"]', last));
    list.remove();
    // vaadin-grid.
    t0 = performance.now();
    const grid = document.createElement('vaadin-grid') as HTMLElement & { items: unknown[]; scrollToIndex(i: number): void };
    grid.style.height = '600px';
    for (const f of FIELDS) {
      const col = document.createElement('vaadin-grid-column') as HTMLElement & { path: string };
      col.path = f;
      grid.append(col);
    }
    grid.items = data;
    host.append(grid);
    const vaadinFirst = await untilFrame(t0, () => hasText(grid, 'vaadin-grid-cell-content', first));
    const vaadinRows = grid.shadowRoot?.querySelectorAll('tbody#items tr').length ?? 0;
    t0 = performance.now();
    grid.scrollToIndex(N - 1);
    const vaadinScroll = await untilFrame(t0, () => hasText(grid, 'vaadin-grid-cell-content', last));
    grid.remove();
    return {
      value: oursFirst + oursScroll,
      baseline: vaadinFirst + vaadinScroll,
      extra: {
        'ours first render ms': Math.round(oursFirst), 'ours scroll-to-end ms': Math.round(oursScroll), 'ours rows in DOM': rowsInDom,
        'vaadin first render ms': Math.round(vaadinFirst), 'vaadin scroll-to-end ms': Math.round(vaadinScroll), 'vaadin rows in DOM': vaadinRows,
      },
    };
  },
  teardown({ host }) { host.remove(); },
});
