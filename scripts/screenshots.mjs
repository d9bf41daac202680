#!/usr/bin/env node
// `npm run screenshots` — the PNGs in docs/screenshots/, taken from `npm start`'s demo page in real
// Chromium (never by hand): the demo started in-process on a free port, the embedded sample book
// (seed 1), a fixed viewport at device scale 1 so the files stay small. Element shots use
// locator.screenshot(), which crops to the element (open shadow roots included).
//   node scripts/screenshots.mjs            every shot
//   node scripts/screenshots.mjs board dark  only the shots named
// CHROME_PATH overrides /usr/bin/chromium.
import { chromium } from 'playwright-core';
import { mkdirSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from './start.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs/screenshots');
const MAX_BYTES = 300 * 1024;
const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const chromeArgs = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--no-first-run',
  '--disable-sync', '--disable-quic', '--hide-scrollbars', '--font-render-hinting=none',
];
const VIEWPORT = { width: 1400, height: 900 };
const TIMEOUT = 60_000;

/** Waits until the provider's store has loaded and the page has painted twice since. */
async function ready(page) {
  await page.waitForFunction(() => {
    const p = document.querySelector('#kam');
    return p?.status === 'ready' && p.activeStore?.status === 'ready';
  }, null, { timeout: 120_000 });
  await settle(page);
}

/** Fonts loaded, pending Lit updates done, two frames painted; then a short pause for chart layout (ResizeObserver). */
async function settle(page, ms = 400) {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const all = [];
    const walk = (node) => {
      for (const el of node.querySelectorAll('*')) {
        if (el.localName.startsWith('kam-')) all.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    await Promise.all(all.map((el) => el.updateComplete).filter(Boolean));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  await page.waitForTimeout(ms);
}

async function showPage(page, name) {
  await page.evaluate((hash) => { location.hash = hash; }, name);
  await settle(page);
}

/** Picks a value in one of the demo header's selects (theme, language), as a user would. */
async function pick(page, select, value) {
  await page.selectOption(select, value);
  await settle(page);
}

const shots = {
  /** The whole demo page, customers view: the README's first picture. */
  async overview(page) {
    await showPage(page, 'customers');
    await page.evaluate(() => window.scrollTo(0, 0));
    return page.screenshot({ path: file('overview') });
  },
  async 'account-list'(page) {
    await showPage(page, 'customers');
    const list = page.locator('#account-list');
    await list.locator('[part~="row"]').first().waitFor();
    return list.screenshot({ path: file('account-list') });
  },
  async 'account-360'(page) {
    await showPage(page, 'customers');
    const el = page.locator('#account-360');
    await el.locator('[part~="header"]').first().waitFor();
    // The long lists are folded (as a user would, with their section buttons) so the picture shows
    // the header, key figures, the buying committee and the deals at a readable size, with the
    // other sections' headings; unfolded again afterwards for the shots that follow.
    const fold = ['alerts', 'timeline', 'contracts', 'orders', 'tickets', 'team', 'children', 'quarantine'];
    const setOpen = async (open) => {
      for (const s of fold) {
        const button = el.locator(`[data-section="${s}"] [part~="section-toggle"]`);
        if (await button.count() && (await button.getAttribute('aria-expanded')) !== String(open)) await button.click();
      }
      await settle(page);
    };
    await setOpen(false);
    const shot = await el.screenshot({ path: file('account-360') });
    await setOpen(true);
    return shot;
  },
  /** The map of the selected account, as a host page would place it on its own, wide enough for
   *  its fifteen people (in the 360's half-width column a large committee scrolls sideways). */
  async 'stakeholder-map'(page) {
    await showPage(page, 'customers');
    await page.setViewportSize({ width: 1900, height: VIEWPORT.height });
    await page.evaluate(() => {
      const wrap = document.createElement('div');
      wrap.id = 'shot-map';
      wrap.style.cssText = 'width: 1840px; padding: 8px; background: var(--card-bg)';
      const map = document.createElement('kam-stakeholder-map');
      map.setAttribute('account-id', document.querySelector('#account-360').accountId);
      wrap.append(map);
      document.querySelector('#customers').prepend(wrap);
    });
    try {
      const map = page.locator('#shot-map kam-stakeholder-map');
      await map.locator('[part~="map"]').first().waitFor();
      await settle(page);
      return await map.screenshot({ path: file('stakeholder-map') });
    } finally {
      await page.evaluate(() => document.querySelector('#shot-map')?.remove());
      await page.setViewportSize(VIEWPORT);
    }
  },
  async 'health-explainer'(page) {
    await showPage(page, 'customers');
    const el = page.locator('#health-explainer');
    await el.locator('[part~="waterfall"]').first().waitFor();
    await el.scrollIntoViewIfNeeded();
    await settle(page);
    return el.screenshot({ path: file('health-explainer') });
  },
  async 'pipeline-board'(page) {
    await showPage(page, 'sales');
    const board = page.locator('#board');
    await board.locator('[part~="card"]').first().waitFor();
    await settle(page);
    return board.screenshot({ path: file('pipeline-board') });
  },
  async dashboard(page) {
    await showPage(page, 'management');
    const dash = page.locator('#dashboard');
    await dash.locator('[part~="kpis"]').first().waitFor();
    await settle(page, 1000);
    return dash.screenshot({ path: file('dashboard') });
  },
  /** The customers page in the dark theme (the demo's Theme switch: page and elements together). */
  async dark(page) {
    await showPage(page, 'customers');
    await pick(page, '#theme-switch', 'dark');
    try {
      await page.evaluate(() => window.scrollTo(0, 0));
      return await page.screenshot({ path: file('dark') });
    } finally {
      await pick(page, '#theme-switch', 'light');
    }
  },
  /** The customers page in Simplified Chinese (the demo's Language switch). */
  async 'zh-CN'(page) {
    await pick(page, '#locale-switch', 'zh-CN');
    try {
      await showPage(page, 'customers');
      await page.evaluate(() => window.scrollTo(0, 0));
      await settle(page, 800);
      return await page.screenshot({ path: file('zh-CN') });
    } finally {
      await pick(page, '#locale-switch', 'en');
    }
  },
};

function file(name) {
  return join(outDir, `${name}.png`);
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in shots));
if (unknown.length) {
  console.error(`Unknown shot(s): ${unknown.join(', ')}. Known: ${Object.keys(shots).join(', ')}`);
  process.exit(2);
}
const names = wanted.length ? wanted : Object.keys(shots);

mkdirSync(outDir, { recursive: true });
// The page alone on the embedded source: no vendor fakes needed for pictures.
const demo = await startDemo({ port: 0, quiet: true, backends: false, watch: false });
const browser = await chromium.launch({ executablePath, args: chromeArgs, timeout: TIMEOUT });
let failed = false;
try {
  const context = await browser.newContext({
    viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'Asia/Shanghai', colorScheme: 'light',
  });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  // A fresh profile: light theme, English, the embedded sample book seeded on first open.
  await page.goto(`${demo.url}?source=embedded`);
  await ready(page);
  for (const name of names) {
    const started = Date.now();
    await shots[name](page);
    const bytes = statSync(file(name)).size;
    const over = bytes > MAX_BYTES;
    if (over) failed = true;
    console.log(`${over ? '✗' : '✓'} ${relative(root, file(name))} ${(bytes / 1024).toFixed(0)} KB${over ? ` (over ${MAX_BYTES / 1024} KB)` : ''} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  }
  if (errors.length) {
    failed = true;
    console.error(`The page reported errors:\n  ${errors.join('\n  ')}`);
  }
} finally {
  await browser.close().catch(() => undefined);
  await demo.close();
}
process.exit(failed ? 1 : 0);
