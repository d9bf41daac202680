import { expect, fixture, html } from '@open-wc/testing';
import '../kpi-tile/define.js';
import '../health-distribution-chart/define.js';
import { emulateMedia } from '@web/test-runner-commands';
import { forcedColors, root } from './chart/test-book.js';

// The theme's colours come from one set of aliases whose defaults follow the host's colour
// scheme (light-dark()); what a user sees must be the light or the dark palette, and a page's
// --kam-* token must win in both.
const color = (el: Element, sel: string, prop = 'color') => getComputedStyle(root(el).querySelector(sel)!).getPropertyValue(prop);

describe('design tokens', () => {
  it('draws the light palette, the dark one with theme="dark", and the page\'s --kam-* tokens in both', async () => {
    const light = await fixture(html`<kam-kpi-tile .data=${{ value: 0.5, previous: 0.4 }}></kam-kpi-tile>`);
    expect(color(light, '.value')).to.equal('rgb(31, 35, 40)');
    expect(color(light, '.tile', 'background-color')).to.equal('rgb(255, 255, 255)');
    expect(color(light, '.change')).to.equal('rgb(20, 108, 46)'); // better: green

    const dark = await fixture(html`<kam-kpi-tile theme="dark" .data=${{ value: 0.5, previous: 0.4 }}></kam-kpi-tile>`);
    expect(color(dark, '.value')).to.equal('rgb(230, 237, 243)');
    expect(color(dark, '.tile', 'background-color')).to.equal('rgb(22, 27, 34)');
    expect(color(dark, '.change')).to.equal('rgb(111, 221, 139)');

    for (const theme of ['light', 'dark']) {
      const own = await fixture(html`<kam-kpi-tile theme=${theme} style="--kam-color-text: rgb(1, 2, 3)" .data=${{ value: 0.5, previous: 0.4 }}></kam-kpi-tile>`);
      expect(color(own, '.value')).to.equal('rgb(1, 2, 3)');
    }
  });

  it('fills a chart\'s SVG marks from the theme\'s palette', async () => {
    const data = { distribution: { red: 1, yellow: 0, green: 2 } };
    const light = await fixture(html`<kam-health-distribution-chart .data=${data}></kam-health-distribution-chart>`);
    const dark = await fixture(html`<kam-health-distribution-chart theme="dark" .data=${data}></kam-health-distribution-chart>`);
    expect(color(light, 'rect.tone-red', 'fill')).to.equal('rgb(180, 35, 24)');
    expect(color(dark, 'rect.tone-red', 'fill')).to.equal('rgb(255, 138, 128)');
  });

  it('draws a chart\'s labels in the system text colour in forced colours (Windows High Contrast)', async () => {
    // The browser forces HTML text to the system colours but not SVG fills: a chart's axis and
    // value labels kept the light palette's dark greys (#1f2328, #57606a), unreadable on a dark
    // High Contrast theme's black canvas. (forcedColors: the element's own forced-colors rules
    // applied as if the media matched, where the test launcher cannot turn forced colours on.)
    const data = { distribution: { red: 1, yellow: 0, green: 2 } };
    const el = await fixture(html`<kam-health-distribution-chart .data=${data}></kam-health-distribution-chart>`);
    const r = root(el);
    const { CanvasText: canvasText } = await forcedColors(el);
    await emulateMedia({ forcedColors: 'none' });
    const labels = [...r.querySelectorAll('svg text')];
    expect(labels.length).to.be.above(3);
    expect(labels.map((t) => getComputedStyle(t).fill)).to.deep.equal(labels.map(() => canvasText));
  });

  it('keeps a hidden data table out of the layout: a chart in a narrow column does not widen the page', async () => {
    // The chart's own .data-table rule (width: 100%) came after .visually-hidden and won, so the
    // "hidden" table stretched to the page's width from where it stood: on the demo's dashboard
    // the page scrolled sideways by most of a screen, with nothing to see there.
    const data = { distribution: { red: 1, yellow: 0, green: 2 } };
    const box = await fixture(html`<div style="width: 500px; margin-left: calc(100vw - 520px)"><kam-health-distribution-chart .data=${data}></kam-health-distribution-chart></div>`);
    const chart = box.querySelector('kam-health-distribution-chart')!;
    const table = root(chart).querySelector('table')!;
    expect(table.classList.contains('visually-hidden')).to.equal(true);
    expect(document.documentElement.scrollWidth).to.equal(document.documentElement.clientWidth);
  });
});
