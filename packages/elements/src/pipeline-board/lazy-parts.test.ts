// Its own file (its own page): the board's lazily loaded parts are cached per module, so the
// failure below must be the first load of the menu in this page.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { KamPipelineBoard } from './kam-pipeline-board.js';
import { withFailingPart } from './test-parts.js';
import { boardAccounts, boardFx, boardPipeline, boardUsers, deal, FIXTURE_NOW, settle } from './fixtures.js';

describe('kam-pipeline-board lazily loaded parts', () => {
  it('says so on the board when a part cannot be fetched, and works once it can', async () => {
    const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board style="height:500px; width:1000px" locale="en"
      .pipeline=${boardPipeline()} .opportunities=${[deal('m', 'st-prospect')]} .accounts=${boardAccounts()}
      .users=${boardUsers()} .fx=${boardFx}></kam-pipeline-board>`);
    (el as unknown as { now: () => Date }).now = () => new Date(FIXTURE_NOW);
    el.requestUpdate();
    await settle(el);

    const btn = () => el.shadowRoot!.querySelector<HTMLButtonElement>('.card[data-id="m"] .move-btn')!;
    const warnings = await withFailingPart('menu', async () => {
      btn().focus();
      await sendKeys({ press: 'Enter' });
      await settle(el);
    });
    const shown = el.shadowRoot!.querySelector('[part="part-error"]');
    expect(shown, 'a visible message').to.exist;
    expect(shown!.getAttribute('role')).to.equal('alert');
    expect(shown!.textContent).to.contain('Failed to fetch dynamically imported module');
    expect(shown!.textContent).to.contain('try again');
    expect(el.shadowRoot!.querySelector('[role=menu]')).to.equal(null);
    expect(el.shadowRoot!.activeElement?.closest('.card')?.getAttribute('data-id'), 'focus back on the card').to.equal('m');
    expect(warnings.filter((w) => String(w).includes('could not be loaded')), String(warnings)).to.have.length(1);
    await expect(el).to.be.accessible();

    // The next try fetches again; the menu opens and the message goes.
    btn().focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.shadowRoot!.querySelector('[role=menu]')).to.exist;
    expect(el.shadowRoot!.querySelector('[part="part-error"]')).to.equal(null);
  });

  it('drags from the very first press: the gesture made before the drag code arrived is handed to it; a failed fetch is said', async () => {
    const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board style="height:500px; width:1000px" locale="en"
      .pipeline=${boardPipeline()} .opportunities=${[deal('d', 'st-prospect')]} .accounts=${boardAccounts()}
      .users=${boardUsers()} .fx=${boardFx}></kam-pipeline-board>`);
    await settle(el);
    const root = el.shadowRoot!;
    const card = () => root.querySelector<HTMLElement>('.card[data-id="d"]')!;
    const columnOf = () => card().closest('.column')!.getAttribute('data-key');
    const pointer = (target: EventTarget, type: string, x: number, y: number) => target.dispatchEvent(new PointerEvent(type, {
      bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, pointerId: 5, pointerType: 'mouse', button: 0, buttons: type === 'pointerup' ? 0 : 1,
    }));
    const target = root.querySelector('.column[data-key="st-qualify"] .column-body')!.getBoundingClientRect();
    const gesture = () => {
      const r = card().getBoundingClientRect();
      pointer(card(), 'pointerdown', r.left + 20, r.top + 20);
      pointer(document.body, 'pointermove', r.left + 40, r.top + 20);
      pointer(document.body, 'pointermove', target.left + 40, target.top + 30);
      pointer(document.body, 'pointerup', target.left + 40, target.top + 30);
    };

    // The drag code cannot be fetched: the board says so and the deal stays.
    await withFailingPart('drag', async () => {
      gesture();
      await settle(el);
    });
    expect(root.querySelector('[part="part-error"]')?.textContent).to.contain('Failed to fetch dynamically imported module');
    expect(columnOf()).to.equal('st-prospect');

    // The next press fetches it again; the whole gesture happens before it arrives and still moves the deal.
    const moved = new Promise<CustomEvent>((r) => el.addEventListener('kam-stage-moved', (e) => r(e as CustomEvent), { once: true }));
    gesture();
    expect((await moved).detail.to.id).to.equal('st-qualify');
    await settle(el);
    expect(columnOf()).to.equal('st-qualify');
    expect(root.querySelector('[part="part-error"]')).to.equal(null);
    expect(root.querySelector('.ghost'), 'no ghost left behind').to.equal(null);
  });
});
