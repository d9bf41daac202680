// Two copies of KAM Kit on one page (a micro-frontend and its host, two bundles): the second
// copy's define calls must not throw, must warn exactly once, and the first copy keeps working.
import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/elements/src/define-all.js';

const folders = [
  'provider', 'account-360', 'health-badge', 'health-explainer', 'account-list', 'timeline', 'stakeholder-map', 'alerts',
  'pipeline-board', 'stage-path', 'dashboard', 'funnel-chart', 'stage-duration-chart', 'forecast-chart', 'pareto-chart',
  'concentration-chart', 'health-distribution-chart', 'retention-chart', 'kpi-tile',
];

describe('two copies of the library on one page', () => {
  it('defines every tag once, warns once, throws nothing, and the elements still work', async () => {
    const registered = folders.map((f) => `kam-${f}`).filter((tag) => customElements.get(tag));
    expect(registered.length, 'define-all registered the tags').to.be.greaterThan(3);
    expect(registered).to.include.members(['kam-provider', 'kam-health-badge', 'kam-health-explainer', 'kam-account-list']);
    const firstCopy = new Map(registered.map((tag) => [tag, customElements.get(tag)!]));

    const warnings: unknown[][] = [];
    const errors: unknown[] = [];
    const originalWarn = console.warn;
    const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
    window.addEventListener('error', onError);
    console.warn = (...args: unknown[]) => { warnings.push(args); };
    try {
      // Copy 2, part 1: each define module loaded again under another URL. Its imports resolve to
      // the same classes, so re-registering the same class is silent.
      for (const tag of registered) {
        await import(/* @vite-ignore */ `/packages/elements/src/${tag.slice('kam-'.length)}/define.ts?copy=2`);
      }
      expect(warnings, 'same classes again: no warning').to.have.length(0);
      // Copy 2, part 2: a second copy of the define module with its own, distinct classes, as a
      // second bundle of the library would have.
      const secondDefineUrl = '/packages/elements/src/shared/define.ts?copy=2';
      const copy2 = (await import(/* @vite-ignore */ secondDefineUrl)) as typeof import('../../packages/elements/src/shared/define.js');
      for (const [tag, ctor] of firstCopy) {
        const SecondCopy = class extends (ctor as unknown as typeof HTMLElement) {};
        expect(() => copy2.define(tag, SecondCopy)).to.not.throw();
      }
    } finally {
      console.warn = originalWarn;
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
    expect(warnings, 'exactly one warning for the whole second copy').to.have.length(1);
    expect(String(warnings[0][0])).to.contain('already defined by another copy of KAM Kit');
    for (const [tag, ctor] of firstCopy) expect(customElements.get(tag), `${tag} keeps the first copy's class`).to.equal(ctor);

    const el = await fixture<HTMLElement & { label: string; updateComplete: Promise<boolean> }>(html`<kam-health-badge score="62"></kam-health-badge>`);
    await el.updateComplete;
    expect(el.label).to.equal('Health 62 of 100, yellow');
  });
});
