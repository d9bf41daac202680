// The demo page under a strict Content-Security-Policy with Trusted Types required — what a bank's
// or a government intranet sends: scripts only from the page's own origin, no eval, no inline
// script, and every string that reaches an HTML sink must come through a named policy (Lit's own
// `lit-html` policy is the only one allowed). The production build of docs/ is served by a small
// static server that adds the header (Vite's dev server injects inline scripts, which such a page
// could not run) and mounts the demo's relays; Chromium visits every page, in the embedded mode
// and through the REST relay, and a user works the page a little. Not one violation may be
// reported: neither to the page (`securitypolicyviolation`), nor to the console, nor to the
// policy's report endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDemoBackends, type DemoBackends } from '../../docs/demo/backends.js';
import { launchChromium } from '../fixtures/browser-harness.js';
import { serveBuiltDemo, STRICT_CSP, type BuiltDemo } from '../fixtures/demo-build.js';

const CSP = `${STRICT_CSP}; report-uri /csp-report`;
const RELAY_PATH = /^\/relay\/(salesforce|zoho|kingdee|rest)(?:[/?]|$)/;

let demo: BuiltDemo;
let backends: DemoBackends;
let origin: string;
let browser: Browser;
/** Bodies POSTed to the policy's report-uri: violations the page itself might not see. */
const reports: string[] = [];

beforeAll(async () => {
  const allowOrigins: string[] = [];
  backends = await startDemoBackends({ allowOrigins });
  demo = await serveBuiltDemo(CSP, (req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/csp-report')) {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
      req.on('end', () => { reports.push(body); res.writeHead(204).end(); });
      return true;
    }
    const relay = RELAY_PATH.exec(url);
    if (!relay) return false;
    backends.relays[relay[1] as keyof DemoBackends['relays']](req, res);
    return true;
  });
  origin = demo.origin;
  allowOrigins.push(origin);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await backends?.close();
});

interface Watch {
  page: Page;
  /** Every violation and every CSP / Trusted Types complaint seen so far. */
  problems(): Promise<string[]>;
}

async function openDemo(query: string): Promise<Watch> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const seen: string[] = [];
  page.on('console', (m) => {
    const text = m.text();
    if (/content security policy|trusted ?type|refused to/i.test(text)) seen.push(`console: ${text}`);
  });
  page.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
  // Reported to Node as they happen, so reloads (the language switch) lose none.
  await page.exposeFunction('__kamCspViolation', (text: string) => { seen.push(text); });
  // Installed before any page script: violations from the very first script on are caught.
  await page.addInitScript(() => {
    const report = (window as unknown as { __kamCspViolation(text: string): void }).__kamCspViolation;
    addEventListener('securitypolicyviolation', (e) => {
      report(`${e.effectiveDirective}: ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} (${e.sample})`);
    }, true);
  });
  await page.goto(`${origin}/${query}`);
  return {
    page,
    async problems() {
      // Reports travel asynchronously; give the last ones a moment to arrive.
      await page.waitForTimeout(300);
      return [...seen, ...reports.splice(0).map((r) => `report: ${r}`)];
    },
  };
}

/**
 * The demo is working: the account list shows rows and the policy let every script run. Up to 60 s
 * (each test has 90): about 10 s for a whole test on this 2-CPU machine at rest, but both tests passed
 * 30 s here without a row in a whole vitest run while the machine was loaded, and no CSP violation.
 */
async function waitForData(page: Page): Promise<void> {
  await page.locator('kam-account-list [part="row"]').first().waitFor({ timeout: 60_000 });
}

/** A page the policy broke fails its waits: say which violations broke it. */
async function withProblems(problems: () => Promise<string[]>, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    throw new Error(`${(e as Error).message}\nCSP problems so far:\n${(await problems()).join('\n')}`);
  }
}

async function workThePage(page: Page, { switches }: { switches: boolean }): Promise<void> {
  // Customers: open an account from the list by keyboard, then the explainer's what-if and table.
  const row = page.locator('kam-account-list [part="row"]').nth(1);
  await row.click();
  await page.keyboard.press('Enter');
  await page.locator('kam-account-360').locator('h2, h1, [part="header"]').first().waitFor();
  await page.locator('kam-health-explainer [part="what-if-toggle"]').click();
  await page.locator('kam-health-explainer [part="what-if"]').waitFor();
  await page.locator('kam-health-explainer button[aria-pressed]').last().click();
  await page.locator('kam-health-explainer [part="table"]').waitFor();

  // Sales: pick a deal up with Space, move it one stage right, drop it.
  await page.locator('.main-nav a[data-page="sales"]').click();
  await page.evaluate(() => {
    const w = window as unknown as { __moves: number };
    w.__moves = 0;
    document.addEventListener('kam-stage-move', () => { w.__moves++; });
  });
  const card = page.locator('kam-pipeline-board [part="card"][tabindex="0"]').first();
  await card.waitFor({ timeout: 30_000 });
  await card.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __moves: number }).__moves)).toBeGreaterThan(0);

  // Management: the dashboard's charts draw; the alerts list renders.
  await page.locator('.main-nav a[data-page="management"]').click();
  await page.locator('kam-dashboard svg').first().waitFor({ timeout: 30_000 });
  await page.locator('#book-alerts').waitFor();

  if (!switches) return;
  // Language and theme switches reload and restyle the page: still within the policy.
  await page.selectOption('#locale-switch', 'zh-CN');
  await page.waitForLoadState('load');
  await page.selectOption('#theme-switch', 'dark');
  await page.locator('.main-nav a[data-page="customers"]').click();
  await waitForData(page);
}

describe('the demo under script-src \'self\' with Trusted Types required', () => {
  it('serves the policy it claims to test', async () => {
    const res = await fetch(`${origin}/`);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    // The built page carries no inline script: it would need 'unsafe-inline'.
    expect(await res.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('embedded mode: every page and a little work, zero violations', async () => {
    const { page, problems } = await openDemo('?source=embedded#customers');
    await withProblems(problems, async () => {
      await waitForData(page);
      await workThePage(page, { switches: true });
    });
    expect(await problems()).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('through the REST relay: every page and a little work, zero violations', async () => {
    const { page, problems } = await openDemo('?source=rest#customers');
    await withProblems(problems, async () => {
      await waitForData(page);
      await workThePage(page, { switches: false });
    });
    expect(await problems()).toEqual([]);
    await page.context().close();
  }, 90_000);
});
