// The embedded source the demo runs on, in real Chromium: seeded once with the sample book,
// and what a user changes in the page is still there after a reload.
import { expect } from '@open-wc/testing';
import type { Store, WriteOp } from '@kamkit/core';
import type { SyncEngine } from '@kamkit/core/sync';
import { createEmbeddedSource, resetEmbeddedSource } from '@kamkit/core/persistence';

interface FramePage { iframe: HTMLIFrameElement; store: Store; engine: SyncEngine; sent: WriteOp[] }

async function openPage(query: Record<string, string>): Promise<FramePage> {
  const iframe = document.createElement('iframe');
  iframe.src = `/tests/browser/outbox-frame.html?${new URLSearchParams(query)}`;
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  document.body.append(iframe);
  await loaded;
  const app = await (iframe.contentWindow as unknown as { kamReady: Promise<Omit<FramePage, 'iframe'>> }).kamReady;
  return { iframe, ...app };
}

describe('embedded source across a reload (sample book, real IndexedDB)', () => {
  const tag = Date.now().toString(36);
  const db = { backend: `wtr-demo-${tag}`, client: `wtr-demo-client-${tag}` };
  after(async () => {
    await resetEmbeddedSource(db.backend);
    await resetEmbeddedSource(db.client);
  });

  it('keeps a stage move and an edit made in the page', async function () {
    this.timeout(120_000);
    const first = await openPage({ ...db, seed: 'sample', transport: 'ok' });
    const opps = first.store.all('opportunities');
    expect(opps.length).to.be.greaterThan(1000);
    expect(first.store.all('accounts').length).to.be.at.least(500);
    // An open deal whose next stage accepts it as it is.
    let moved: { id: string; to: string } | undefined;
    for (const o of opps) {
      const stages = first.store.pipeline(o.pipelineId)!.stages.filter((s) => s.kind === 'open').sort((a, b) => a.order - b.order);
      const at = stages.findIndex((s) => s.id === o.stageId);
      const next = stages[at + 1];
      if (at >= 0 && next && first.store.checkMove(o.id, next.id).ok) { moved = { id: o.id, to: next.id }; break; }
    }
    expect(moved, 'an opportunity that can move one stage on').to.not.equal(undefined);
    const result = await first.store.moveStage(moved!.id, moved!.to);
    expect(result.ok).to.equal(true);
    const account = first.store.all('accounts')[0];
    await first.store.update('accounts', account.id, { tier: 'S', tags: [...account.tags, '战略客户'] });
    await first.engine.drain();
    expect(first.engine.pending()).to.deep.equal([]);
    first.iframe.remove();

    const second = await openPage({ ...db, seed: 'sample', transport: 'ok' });
    const opp = second.store.get('opportunities', moved!.id)!;
    expect(opp.stageId).to.equal(moved!.to);
    expect(opp.stageHistory.at(-1)!.stageId).to.equal(moved!.to);
    expect(opp.stageHistory.at(-1)!.by).to.equal('u-1');
    const acc = second.store.get('accounts', account.id)!;
    expect(acc.tier).to.equal('S');
    expect(acc.tags).to.include('战略客户');
    // Seeded once: the second page found the database and did not re-seed over the edits.
    const backend = createEmbeddedSource({ dbName: db.backend });
    expect((await backend.writeLog()).length).to.equal(2);
    backend.close();
    second.iframe.remove();
  });
});
