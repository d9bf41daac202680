// Its own file (its own page): the board's keyboard and moves (move.ts) must not have been loaded
// before this test.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { KamPipelineBoard } from './kam-pipeline-board.js';
import { withFailingPart } from './test-parts.js';
import { parts } from './parts.js';
import { boardAccounts, boardFx, boardPipeline, boardUsers, deal, FIXTURE_NOW, settle } from './fixtures.js';
import { describeEl, until } from '../shared/test-wait.js';

describe('kam-pipeline-board keyboard moves, loaded on demand', () => {
  it('a failed fetch ahead of the first key says nothing; the key says it and leaves the page still; the next key picks the card up and moves it', async () => {
    const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board style="height:500px; width:1000px" locale="en"
      .pipeline=${boardPipeline()} .opportunities=${[deal('k', 'st-prospect'), deal('k2', 'st-prospect')]}
      .accounts=${boardAccounts()} .users=${boardUsers()} .fx=${boardFx}></kam-pipeline-board>`);
    (el as unknown as { now: () => Date }).now = () => new Date(FIXTURE_NOW);
    el.requestUpdate();
    await settle(el);
    const root = el.shadowRoot!;
    const card = () => root.querySelector<HTMLElement>('.card[data-id="k"]')!;
    const status = () => root.querySelector('[role="status"][aria-live]')!.textContent!;
    const prevented: boolean[] = [];
    const seen = (e: KeyboardEvent) => prevented.push(e.defaultPrevented);
    window.addEventListener('keydown', seen);

    const warnings = await withFailingPart('move', async () => {
      card().focus();
      await settle(el);
      expect(root.querySelector('[part="part-error"]'), 'no message for a fetch the user did not ask for').to.equal(null);
      await sendKeys({ press: 'Space' });
      await settle(el);
    });
    const shown = root.querySelector('[part="part-error"]');
    expect(shown, 'a visible message once a key needs the part').to.exist;
    expect(shown!.getAttribute('role')).to.equal('alert');
    expect(shown!.textContent).to.contain('Failed to fetch dynamically imported module');
    expect(warnings.filter((w) => String(w).includes('could not be loaded')), String(warnings)).to.have.length(1);
    window.removeEventListener('keydown', seen);
    expect(prevented, 'Space does not scroll the column while the part is fetched').to.deep.equal([true]);
    expect(card().classList.contains('grabbed')).to.equal(false);
    expect(root.activeElement === card(), `the focus stays on the card, not ${describeEl(root.activeElement)}`).to.equal(true);

    // The next key fetches it again: the card is picked up, moved one column on and dropped, all said.
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(root.querySelector('[part="part-error"]')).to.equal(null);
    expect(card().classList.contains('grabbed')).to.equal(true);
    expect(status()).to.contain('Picked up');
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(status()).to.contain('Over Qualify');
    const moved = new Promise<CustomEvent>((r) => el.addEventListener('kam-stage-moved', (e) => r(e as CustomEvent), { once: true }));
    await sendKeys({ press: 'Enter' });
    expect((await moved).detail.to.id).to.equal('st-qualify');
    await settle(el);
    expect(card().closest('.column')!.getAttribute('data-key')).to.equal('st-qualify');
    expect(status()).to.contain('Moved');
    // the card is drawn anew in its new column and focused once it is there (a frame later on a busy machine)
    await until(() => root.activeElement === card(), 'the focus on the moved card', () => `the focus is on ${describeEl(root.activeElement)}`);
  });

  it('a key pressed before the part arrives does nothing once focus has left the card', async () => {
    const el = await fixture<KamPipelineBoard>(html`<div><kam-pipeline-board style="height:500px; width:1000px" locale="en"
      .pipeline=${boardPipeline()} .opportunities=${[deal('k', 'st-prospect'), deal('k2', 'st-prospect')]}
      .accounts=${boardAccounts()} .users=${boardUsers()} .fx=${boardFx}></kam-pipeline-board><button>after</button></div>`)
      .then((d) => d.querySelector<KamPipelineBoard>('kam-pipeline-board')!);
    await settle(el);
    const move = parts.move;
    const real = move.load, had = move.loaded;
    let arrive!: () => void;
    try {
      move.loaded = move.loading = undefined;
      move.load = () => new Promise((resolve) => { arrive = () => resolve(real()); });
      const card = el.shadowRoot!.querySelector<HTMLElement>('.card[data-id="k"]')!;
      card.focus();
      await sendKeys({ press: 'Space' });
      const after = el.nextElementSibling as HTMLButtonElement;
      after.focus();
      arrive();
      await settle(el);
      expect(card.classList.contains('grabbed'), 'not picked up unseen').to.equal(false);
      expect(document.activeElement === after, `focus is not pulled back (it is on ${describeEl(document.activeElement)})`).to.equal(true);
    } finally {
      move.load = real;
      move.loaded = had;
      move.loading = undefined;
    }
  });
});
