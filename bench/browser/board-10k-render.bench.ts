// First render of <kam-pipeline-board> with 10,000 deals, against a vanilla-DOM board that draws
// the same visible cards (same columns, same header figures, same card rows, same stylesheet).
// Both include their data work (grouping, ordering, totals) and end with a forced layout.
import { defineWorkload } from '../types.js';
import '../../packages/elements/src/pipeline-board/define.js';
import type { KamPipelineBoard } from '../../packages/elements/src/pipeline-board/kam-pipeline-board.js';
import { styles } from '../../packages/elements/src/pipeline-board/kam-pipeline-board.styles.js';
import { boardAccounts, boardFx, boardPipeline, boardUsers, manyDeals } from '../../packages/elements/src/pipeline-board/fixtures.js';
import type { Account, Opportunity, Pipeline, User } from '@kamkit/core';

interface Ctx {
  pipeline: Pipeline;
  deals: Opportunity[];
  accounts: Account[];
  users: User[];
  host: HTMLElement;
}

const N = 10_000;

async function renderBoard(ctx: Ctx): Promise<{ ms: number; perColumn: Map<string, number>; nodes: number }> {
  const t0 = performance.now();
  const el = document.createElement('kam-pipeline-board') as KamPipelineBoard;
  el.locale = 'en';
  el.pipeline = ctx.pipeline;
  el.opportunities = ctx.deals;
  el.accounts = ctx.accounts;
  el.users = ctx.users;
  el.fx = boardFx;
  el.style.height = '800px';
  ctx.host.append(el);
  while (!(await el.updateComplete));
  el.shadowRoot!.querySelector('.card')?.getBoundingClientRect();
  const ms = performance.now() - t0;
  const perColumn = new Map<string, number>();
  for (const c of el.shadowRoot!.querySelectorAll<HTMLElement>('.column')) perColumn.set(c.dataset.key!, c.querySelectorAll('.card').length);
  const nodes = el.shadowRoot!.querySelectorAll('*').length;
  el.remove();
  return { ms, perColumn, nodes };
}

/** The same board drawn with plain DOM calls: what the element costs over hand-written code. */
function renderVanilla(ctx: Ctx, perColumn: Map<string, number>): number {
  const t0 = performance.now();
  const host = document.createElement('div');
  host.style.height = '800px';
  host.style.display = 'block';
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = styles.map((s) => s.styleSheet!);
  const stages = [...ctx.pipeline.stages].sort((a, b) => a.order - b.order);
  const groups = new Map<string, Opportunity[]>(stages.map((s) => [s.id, []]));
  for (const d of ctx.deals) groups.get(d.stageId)?.push(d);
  const accounts = new Map(ctx.accounts.map((a) => [a.id, a]));
  const users = new Map(ctx.users.map((u) => [u.id, u]));
  const rates = boardFx.snapshots[0].rates;
  const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY', notation: 'compact', maximumFractionDigits: 1 });
  const moneyBy = new Map<string, Intl.NumberFormat>();
  const dates = new Intl.DateTimeFormat('en', { timeZone: 'UTC', dateStyle: 'medium' });
  const el = (tag: string, cls?: string, text?: string) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const board = el('div', 'board');
  const toolbar = el('div', 'toolbar');
  toolbar.append(el('h2', 'title', ctx.pipeline.name), el('span', 'summary', `${ctx.deals.length.toLocaleString('en')} deals`));
  const columns = el('div', 'columns');
  board.append(toolbar, columns);
  const pitch = 124 + 8;
  for (const stage of stages) {
    const items = groups.get(stage.id)!;
    items.sort((a, b) => (a.closeDate !== b.closeDate ? (a.closeDate < b.closeDate ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    let total = 0;
    for (const d of items) total += d.amount.amount * (d.amount.currency === 'CNY' ? 1 : rates[d.amount.currency] ?? 0);
    const col = el('section', 'column');
    const header = el('header', 'column-header');
    const title = el('div', 'column-title');
    title.append(el('h3', undefined, stage.name), el('span', 'count', `${items.length.toLocaleString('en')} deals`));
    const totals = el('div', 'totals');
    totals.tabIndex = 0;
    totals.append(el('span', undefined, `Total ${money.format(total)}`), el('span', undefined, `Weighted ${money.format(total * stage.probability)}`));
    header.append(title, totals, el('div', 'tooltip', 'By currency'));
    const body = el('div', 'column-body');
    const ul = el('ul', 'cards');
    ul.style.height = `${items.length * pitch - 8}px`;
    const show = Math.min(items.length, perColumn.get(stage.id) ?? 0);
    for (let i = 0; i < show; i++) {
      const d = items[i];
      const li = el('li', 'card');
      li.tabIndex = i === 0 ? 0 : -1;
      li.style.transform = `translateY(${i * pitch}px)`;
      li.style.height = '124px';
      const r1 = el('div', 'row name-row');
      const btn = el('button', 'move-btn', '⋯');
      btn.setAttribute('aria-label', `Move “${d.name}” to…`);
      r1.append(el('span', 'name', d.name), btn);
      const r2 = el('div', 'row account-row');
      r2.append(el('span', 'account', accounts.get(d.accountId)?.name ?? d.accountId));
      const r3 = el('div', 'row amount-row');
      let f = moneyBy.get(d.amount.currency);
      if (!f) { f = new Intl.NumberFormat('en', { style: 'currency', currency: d.amount.currency, notation: 'compact', maximumFractionDigits: 1 }); moneyBy.set(d.amount.currency, f); }
      r3.append(el('span', 'amount', f.format(d.amount.amount)), el('span', 'close', `Close ${dates.format(new Date(d.closeDate))}`));
      const r4 = el('div', 'row owner-row muted', users.get(d.ownerId ?? '')?.name ?? 'Unassigned');
      const r5 = el('div', 'row chips');
      r5.append(el('span', 'chip', d.nextStep ? (d.nextStep.done ? 'Next step done' : 'Next step planned') : 'No next step'));
      li.append(r1, r2, r3, r4, r5);
      ul.append(li);
    }
    body.append(ul);
    col.append(header, body);
    columns.append(col);
  }
  root.append(board);
  ctx.host.append(host);
  root.querySelector('.card')?.getBoundingClientRect();
  const ms = performance.now() - t0;
  host.remove();
  return ms;
}

export default defineWorkload<Ctx>({
  name: 'board-10k-render',
  unit: 'ms',
  baselineLabel: 'vanilla DOM drawing the same visible cards',
  runs: 15,
  setup() {
    const host = document.createElement('div');
    host.style.width = '1280px';
    document.body.append(host);
    const pipeline = boardPipeline();
    return { pipeline, deals: manyDeals(N, pipeline), accounts: boardAccounts(), users: boardUsers(), host };
  },
  async measure(ctx) {
    const board = await renderBoard(ctx);
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    const vanilla = renderVanilla(ctx, board.perColumn);
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    const cards = [...board.perColumn.values()].reduce((s, n) => s + n, 0);
    return { value: board.ms, baseline: vanilla, extra: { deals: N, cards, shadowNodes: board.nodes } };
  },
  teardown(ctx) {
    ctx.host.remove();
  },
});
