import { expect, fixture, html } from '@open-wc/testing';
import { selectField } from './select-field.js';

describe('selectField', () => {
  it('keeps a space between an inline label and its drop-down', async () => {
    // The funnel's "Funnel mode" and the retention chart's "View" ran into their selects
    // ("Funnel mode[All-stage]") once the label and the select were written with nothing between.
    const el = await fixture<HTMLDivElement>(html`<div>${selectField('Funnel mode', 'mode', 'a', [['a', 'All-stage'], ['b', 'Any-stage']], () => undefined)}</div>`);
    const label = el.querySelector('label')!;
    const select = label.querySelector('select')!;
    const text = document.createRange();
    text.selectNodeContents([...label.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes('Funnel mode'))!);
    const gap = select.getBoundingClientRect().left - text.getBoundingClientRect().right;
    expect(label.textContent!.trim().startsWith('Funnel mode')).to.equal(true);
    expect(gap).to.be.at.least(2);
  });
});
