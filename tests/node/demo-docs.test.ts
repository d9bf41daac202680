// The demo page's Docs link opens the guides as pages to read (docs/demo/docs-pages.ts), not raw
// markdown: under `npm start`, and in a build of the demo served under the strict CSP with Trusted
// Types (tests/fixtures/demo-build.ts, as csp-demo.test.ts), with not one violation. A reader follows links as a person would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../scripts/start.mjs';
import { launchChromium } from '../fixtures/browser-harness.js';
import { serveBuiltDemo, STRICT_CSP, type BuiltDemo } from '../fixtures/demo-build.js';

const STEP = 30_000;

let demo: RunningDemo;
let builtDemo: BuiltDemo;
let built: string;
let browser: Browser;

beforeAll(async () => {
  // The page alone (no fakes): the docs need none. No watching: an edit elsewhere must not reload it.
  demo = await startDemo({ port: 0, quiet: true, backends: false, watch: false });
  builtDemo = await serveBuiltDemo(STRICT_CSP);
  built = `${builtDemo.origin}/`;
  browser = await launchChromium();
}, 150_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await demo?.close();
  await builtDemo?.close();
});

/** What is wrong with the page as a reader sees it: markdown shown as text, a style sheet not applied, a picture not shown. */
async function unreadable(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const text = document.body.innerText;
    for (const [what, re] of [['a # heading', /^#{1,6} /m], ['a [link](…)', /\]\([^)]*\)/], ['a ``` fence', /^```/m], ['a | table | row', /^\|.*\|$/m]] as const) {
      if (re.test(text)) problems.push(`raw markdown: ${what}`);
    }
    if (getComputedStyle(document.querySelector('main')!).maxWidth !== '860px') problems.push('docs.css not applied');
    for (const img of document.querySelectorAll('img')) if (!img.complete || img.naturalWidth === 0) problems.push(`picture not shown: ${img.src}`);
    return problems;
  });
}

/** From the intranet page, the Docs link (a new tab), then a guide from the index, and back to the demo. */
async function readTheDocs(origin: string): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  context.setDefaultTimeout(STEP);
  const seen: string[] = [];
  context.on('page', (p) => {
    p.on('console', (m) => { if (m.type() === 'error' || /content security policy|trusted ?type|refused to/i.test(m.text())) seen.push(`console: ${m.text()}`); });
    p.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
    p.on('response', (r) => { if (r.status() >= 400) seen.push(`${r.status()}: ${r.url()}`); });
  });
  try {
    const intranet = await context.newPage();
    await intranet.goto(origin);
    const opened = context.waitForEvent('page');
    await intranet.getByRole('link', { name: 'Docs', exact: true }).click();
    const docs = await opened;
    await docs.waitForLoadState();
    expect(docs.url()).toBe(`${origin}README.html`);
    expect(await docs.title()).toBe('KAM Kit docs');
    expect(await docs.locator('h1').innerText()).toBe('KAM Kit docs');
    expect(await unreadable(docs)).toEqual([]);
    // Links between the docs lead to their pages, not to the markdown.
    await docs.getByRole('link', { name: 'Getting started' }).click();
    await docs.waitForURL(`${origin}guides/getting-started.html`);
    expect(await docs.locator('h1').innerText()).toBe('Getting started');
    expect(await docs.locator('pre code').count()).toBeGreaterThan(3);
    expect(await docs.locator('img[alt="The demo page"]').count()).toBe(1);
    expect(await unreadable(docs)).toEqual([]);
    // A link to a folder of guides leads to a page that lists them (not to the demo's fallback).
    await docs.getByRole('link', { name: 'guides per element' }).click();
    await docs.waitForURL(`${origin}README.html`);
    expect(await docs.locator('h1').innerText()).toBe('KAM Kit docs');
    // A link to a heading lands on it (GitHub's ids); keyboard: the skip link reaches the text.
    await docs.goto(`${origin}elements/stage-path.html`);
    await docs.getByRole('link', { name: 'why a retry may need a reload' }).click();
    await docs.waitForURL(`${origin}guides/getting-started.html#loaded-on-demand`);
    expect(await docs.locator('#loaded-on-demand').innerText()).toBe('Loaded on demand');
    // What looks like a tag in the text is read as text, not swallowed as an element ('the nearest ; may…').
    await docs.goto(`${origin}reference/kam-forecast-chart.html`);
    expect(await docs.locator('main').innerText()).toContain('The Store from the nearest <kam-provider>; may also be set directly.');
    expect(await docs.locator('main').innerText()).toContain('ChartState<D>');
    expect(await docs.locator('main kam-provider, main d').count()).toBe(0);
    await docs.goto(`${origin}elements/account-list.html`);
    expect(await docs.locator('h1').innerText()).toMatch(/kam-account-list/);
    expect(await docs.locator('#narrow-widths').count()).toBe(1);
    await docs.keyboard.press('Tab');
    await docs.keyboard.press('Enter');
    expect(await docs.evaluate(() => document.activeElement?.id)).toBe('main');
    await docs.getByRole('link', { name: 'Back to the demo' }).click();
    await docs.locator('kam-account-list').waitFor();
    expect(await docs.title()).toMatch(/Key accounts/);
    await docs.waitForTimeout(300);
    return seen;
  } finally {
    await context.close();
  }
}

describe("the demo's Docs link", () => {
  it('opens the guides as pages to read, with working links between them (npm start)', async () => {
    expect(await readTheDocs(demo.url)).toEqual([]);
  }, 120_000);

  it('does the same in a build of the demo under a strict CSP with Trusted Types, with nothing refused', async () => {
    expect(await readTheDocs(built)).toEqual([]);
    // What the docs link to is in the build too (the OpenAPI file of the REST contract).
    const yaml = await fetch(`${built}adapters/rest-openapi.yaml`);
    expect(yaml.status).toBe(200);
  }, 120_000);
});
