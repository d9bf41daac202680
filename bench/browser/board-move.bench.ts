// One keyboard move committed on a board of 10,000 deals: Enter drops a picked-up card into the
// next column; measured from the key press to the re-rendered, laid-out board with the deal in its
// new column (the store's checks, its optimistic update and outbox hand-off, the board's update).
// The goal is half a frame at 60 Hz, so the baseline is the fixed 8.33 ms.
import { defineWorkload } from '../types.js';
import '../../packages/elements/src/pipeline-board/define.js';
import type { KamPipelineBoard } from '../../packages/elements/src/pipeline-board/kam-pipeline-board.js';
import { boardAccounts, boardFx, boardPipeline, boardUsers, manyDeals, FIXTURE_NOW, settle } from '../../packages/elements/src/pipeline-board/fixtures.js';
import { Store } from '@kamkit/core';

interface Ctx {
  withStore: KamPipelineBoard;
  alone: KamPipelineBoard;
  host: HTMLElement;
}

const N = 10_000;
let bestStore = Infinity;
let bestAlone = Infinity;
const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));

function key(target: Element, k: string): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
}

/** Picks up the first Prospect card, moves the target to Qualify, then times the drop. */
async function oneMove(el: KamPipelineBoard): Promise<number> {
  const root = el.shadowRoot!;
  const first = root.querySelector<HTMLElement>('.column[data-key="st-prospect"] .card')!;
  const id = first.dataset.id!;
  await el.focusCard(id);
  const card = [...root.querySelectorAll<HTMLElement>('.card')].find((c) => c.dataset.id === id)!;
  card.focus();
  key(card, ' ');
  await settle(el);
  key(card, 'ArrowRight');
  await settle(el);
  // settle() returns inside an animation frame callback, before that frame's style and layout: one
  // more frame lets the browser lay out the previous key's render first, as it has by the time a
  // user's next key press arrives, so the move is not billed for the arrow key's layout.
  await frame();
  const moved = new Promise((r) => el.addEventListener('kam-stage-moved', r, { once: true }));
  const t0 = performance.now();
  key(card, 'Enter');
  await moved;
  while (!(await el.updateComplete));
  const placed = [...root.querySelectorAll<HTMLElement>('.column[data-key="st-qualify"] .card')].find((c) => c.dataset.id === id);
  placed?.getBoundingClientRect();
  const ms = performance.now() - t0;
  if (!placed) throw new Error(`board-move: ${id} did not land in Qualify`);
  await settle(el);
  return ms;
}

export default defineWorkload<Ctx>({
  name: 'board-move',
  unit: 'ms',
  baselineLabel: 'half a frame at 60 Hz (fixed)',
  // Issue 6: one committed move within half a frame.
  goal: 1,
  runs: 9,
  async setup() {
    const host = document.createElement('div');
    host.style.width = '1280px';
    document.body.append(host);
    const pipeline = boardPipeline();
    const deals = manyDeals(N, pipeline);
    const store = Store.fromBook({ pipelines: [pipeline], opportunities: deals, accounts: boardAccounts(), users: boardUsers() }, { now: () => new Date(FIXTURE_NOW), fx: boardFx });
    const make = () => {
      const el = document.createElement('kam-pipeline-board') as KamPipelineBoard;
      el.locale = 'en';
      el.style.height = '800px';
      host.append(el);
      return el;
    };
    const withStore = make();
    withStore.store = store;
    const alone = make();
    alone.pipeline = pipeline;
    alone.opportunities = deals.map((d) => ({ ...d }));
    alone.fx = boardFx;
    await settle(withStore);
    await settle(alone);
    return { withStore, alone, host };
  },
  async measure(ctx) {
    // Three moves per run: the run reports their median; the fastest is printed too, since on a
    // shared, loaded machine a 10 ms window is often pre-empted.
    const store = [await oneMove(ctx.withStore), await oneMove(ctx.withStore), await oneMove(ctx.withStore)].sort((a, b) => a - b);
    const aloneMs = await oneMove(ctx.alone);
    bestStore = Math.min(bestStore, store[0]);
    bestAlone = Math.min(bestAlone, aloneMs);
    return {
      value: store[1], baseline: 8.33,
      extra: { deals: N, bestMs: +bestStore.toFixed(2), aloneModeBestMs: +bestAlone.toFixed(2), cardsInDom: ctx.withStore.shadowRoot!.querySelectorAll('.card').length },
    };
  },
  teardown(ctx) {
    ctx.host.remove();
  },
});
