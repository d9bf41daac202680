#!/usr/bin/env node
// Storybook smoke test: builds Storybook, serves the static output on 127.0.0.1, opens every story
// and every docs page in real Chromium and fails it on a console error, an uncaught error or a
// story that does not render; each story also on an axe violation, with the element tests' rules
// (axe-core's defaults). One story or docs page = one test; the counts go to
// .cache/count-storybook.json for scripts/test-all.mjs.
//
//   node tests/storybook/smoke.mjs [--no-build] [--only <substring of a story id>] [--out <dir>]
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };

const outDir = resolve(root, option('--out') ?? '.cache/storybook-static');
const only = option('--only');
const countsFile = join(root, '.cache/count-storybook.json');
const PAGES = 2; // two tabs: the machine has 2 cores
const RENDER_TIMEOUT = 45_000; // a story that has not rendered by then has failed
const SETTLE_CAP = 6_000; // longest wait for async rendering to go quiet after the story rendered
const ENTRY_TIMEOUT = 150_000; // everything about one story or docs page, axe included
const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const chromeArgs = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--no-first-run',
  '--disable-sync', '--disable-quic',
];

function writeCounts(counts) {
  mkdirSync(dirname(countsFile), { recursive: true });
  writeFileSync(countsFile, JSON.stringify(counts));
}

function die(message, output = '') {
  if (output) console.error(output);
  console.error(`✗ ${message}`);
  writeCounts({ passed: 0, failed: 1, skipped: 0 });
  process.exit(1);
}

// ---- 1. the manifest (gitignored, so a clean clone has none) and the build --------------------
const manifest = join(root, 'packages/elements/custom-elements.json');
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}
const timings = {};
let t0 = Date.now();
if (!existsSync(manifest) || statSync(manifest).mtimeMs < newestSource(join(root, 'packages/elements/src'))) {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--manifest-only'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) die('custom-elements.json could not be generated', r.stdout + r.stderr);
}
timings.manifest = Date.now() - t0;

t0 = Date.now();
if (!flag('--no-build') || !existsSync(join(outDir, 'index.json'))) {
  const bin = join(root, 'node_modules/storybook/dist/bin/dispatcher.js');
  const cmd = existsSync(bin) ? [process.execPath, bin] : ['npx', 'storybook'];
  const r = spawnSync(cmd[0], [...cmd.slice(1), 'build', '-o', outDir, '--quiet'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', NO_COLOR: '1' },
  });
  if (r.status !== 0) die(`storybook build exited with ${r.status}`, r.stdout + r.stderr);
}
timings.build = Date.now() - t0;

const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8'));
let entries = Object.values(index.entries).filter((e) => e.type === 'story' || e.type === 'docs');
if (only) entries = entries.filter((e) => e.id.includes(only));
if (entries.length === 0) die(`no story in ${outDir}/index.json${only ? ` matches "${only}"` : ''}`);

// ---- 2. a static server on a free loopback port ------------------------------------------------
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ico': 'image/x-icon', '.map': 'application/json',
};
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'));
const AXE_PATH = '/__smoke/axe.min.js';
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path === '/favicon.ico') { res.writeHead(204).end(); return; } // Chromium asks on its own; the build has favicon.svg
  if (path === AXE_PATH) { // served, not inlined, so Chromium caches its compiled code across stories
    res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'public, max-age=3600' }).end(axeSource);
    return;
  }
  let file = normalize(join(outDir, path === '/' ? 'index.html' : path));
  if (!file.startsWith(outDir + sep)) { res.writeHead(403).end(); return; }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) { res.writeHead(404).end('not found'); return; }
  // hashed assets are cached so each navigation does not re-fetch the preview bundle
  const cache = path.startsWith('/assets/') || path.startsWith('/sb-') ? 'public, max-age=3600' : 'no-cache';
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

// ---- 3. every story in Chromium -----------------------------------------------------------------
/** Runs in the page: resolves once every Lit element has finished updating and the DOM (shadow
 *  roots included) has been quiet for a moment, or at the cap — providers load asynchronously. */
async function settle(cap) {
  const deadline = performance.now() + cap;
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const roots = () => {
    const out = [document];
    const els = [];
    for (let i = 0; i < out.length; i++) {
      for (const el of out[i].querySelectorAll('*')) {
        if (el.shadowRoot) out.push(el.shadowRoot);
        if ('updateComplete' in el) els.push(el);
      }
    }
    return { roots: out, els };
  };
  while (performance.now() < deadline) {
    const { roots: rs, els } = roots();
    await Promise.race([Promise.all(els.map((e) => e.updateComplete)), new Promise((r) => setTimeout(r, 1000))]);
    await frames();
    let last = performance.now();
    const mo = new MutationObserver(() => { last = performance.now(); });
    for (const r of rs) mo.observe(r, { subtree: true, childList: true, attributes: true, characterData: true });
    while (performance.now() - last < 200 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    mo.disconnect();
    const after = roots();
    // new elements or shadow roots appeared while waiting: go round again
    if (after.roots.length === rs.length && after.els.length === els.length && !after.els.some((e) => e.isUpdatePending)) return;
  }
}

/**
 * Shows one entry and checks it. `fresh`: load iframe.html for it (a docs page, the first story of
 * a tab, the story after a failure); otherwise switch story through Storybook's channel, as its
 * UI does — the preview bundle and axe are then parsed once per tab, not once per story.
 */
async function checkOne(page, sink, entry, fresh, t) {
  const lap = (what) => { if (process.env.SMOKE_DEBUG) console.log(`  ${entry.id} ${what} ${Date.now() - t}ms`); };
  const story = entry.type === 'story';
  if (fresh) {
    // a11y.manual: the addon's own automatic axe pass is skipped here; this test runs axe itself,
    // with the element tests' rules, after the story has settled (not twice per story)
    const url = `${base}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${story ? 'story' : 'docs'}&globals=a11y.manual:!true`;
    await page.goto(url, { waitUntil: 'load', timeout: RENDER_TIMEOUT });
    if (story) await page.addScriptTag({ url: AXE_PATH });
  } else {
    await page.evaluate((id) => window.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId: id, viewMode: 'story' }), entry.id);
  }
  // Storybook's own render phase (of every story block, on a docs page)
  await page.waitForFunction(({ id, isStory }) => {
    if (document.body.classList.contains('sb-show-errordisplay')) return true;
    const done = (r) => r?.phase === 'finished' || r?.phase === 'errored' || r?.phase === 'aborted';
    const preview = window.__STORYBOOK_PREVIEW__;
    if (preview?.currentRender?.id !== id) return false;
    if (isStory) return done(preview.currentRender);
    return !!document.querySelector('#storybook-docs .sbdocs') && preview.storyRenders.length > 0 && preview.storyRenders.every(done);
  }, { id: entry.id, isStory: story }, { timeout: RENDER_TIMEOUT, polling: 50 });
  lap('rendered');
  await page.evaluate(settle, SETTLE_CAP);
  lap('settled');
  // A story that shows a failed request on purpose names the console error it expects
  // (parameters.smoke.expectedConsoleErrors: substrings); it must then appear, and only it is let through.
  const expected = await page.evaluate((isStory) => {
    const preview = window.__STORYBOOK_PREVIEW__;
    const renders = isStory ? [preview?.currentRender] : preview?.storyRenders ?? [];
    return [...new Set(renders.flatMap((r) => r?.story?.parameters?.smoke?.expectedConsoleErrors ?? []))];
  }, story);
  for (const want of expected) {
    const hits = sink.filter((m) => m.startsWith('console.error:') && m.includes(want));
    if (hits.length === 0) sink.push(`expected console error did not appear: ${want}`);
    for (const h of hits) sink.splice(sink.indexOf(h), 1);
  }
  const shown = await page.evaluate((isStory) => ({
    error: document.body.classList.contains('sb-show-errordisplay') ? (document.querySelector('#error-message')?.textContent ?? '') + ' ' + (document.querySelector('#error-stack')?.textContent ?? '').slice(0, 600) : '',
    empty: isStory ? !document.querySelector('#storybook-root *:not(#root-inner)') : !document.querySelector('#storybook-docs .sb-story *'),
    // the arg table comes from custom-elements.json: no rows means the element is missing from it
    args: isStory ? 1 : document.querySelectorAll('#storybook-docs .docblock-argstable-body tr').length,
  }), story);
  if (shown.error) sink.push(`story failed to render: ${shown.error.trim()}`);
  else if (shown.empty) sink.push('story rendered nothing');
  if (!shown.args) sink.push('the docs page has no arg table (is the element in custom-elements.json?)');
  // axe on what the story renders. Not on docs pages: they stack the same story renders, each
  // already checked on its own page (and axe over a whole docs page costs more than its stories).
  if (shown.error || !story) return;
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document.querySelector('#storybook-root'), { resultTypes: ['violations'] });
    return r.violations.map((v) => `axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' > ')).join(' | ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : ''}`);
  });
  lap('axe');
  sink.push(...violations);
}

// Jobs: the stories of one file together (one tab goes through them by switching story), then
// each docs page on its own load.
const jobs = [];
for (const e of entries.filter((x) => x.type === 'story')) {
  const last = jobs.at(-1);
  if (last && last[0].importPath === e.importPath) last.push(e);
  else jobs.push([e]);
}
for (const e of entries.filter((x) => x.type === 'docs')) jobs.push([e]);

const started = Date.now();
const browser = await chromium.launch({ executablePath, args: chromeArgs, timeout: 60_000 });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
const results = [];
async function worker() {
  let sink = [];
  let crashed = false;
  const newPage = async () => {
    const p = await context.newPage();
    p.on('console', (m) => {
      if (m.type() !== 'error') return;
      const where = m.location()?.url;
      sink.push(`console.error: ${m.text()}${where && m.text().startsWith('Failed to load resource') ? ` (${where.replace(base, '')})` : ''}`);
    });
    p.on('pageerror', (e) => sink.push(`uncaught: ${e.message}`));
    p.on('crash', () => { crashed = true; sink.push('the page crashed'); });
    return p;
  };
  let page = await newPage();
  let fresh = true;
  for (let job = jobs.shift(); job; job = jobs.shift()) {
    for (const entry of job) {
      const t = Date.now();
      sink = [];
      const mine = sink;
      let timer;
      try {
        // axe and the page's own work have no timeout of their own: one story may not hang the run
        await Promise.race([
          checkOne(page, mine, entry, fresh || entry.type === 'docs', t),
          new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no result within ${ENTRY_TIMEOUT / 1000}s`)), ENTRY_TIMEOUT); }),
        ]);
      } catch (err) {
        mine.push(`${String(err?.message ?? err).split('\n')[0]}`);
        if (String(err?.message).startsWith('no result within')) crashed = true; // start over in a new tab
      } finally {
        clearTimeout(timer);
      }
      const result = { id: entry.id, type: entry.type, ms: Date.now() - t, messages: [...new Set(mine)] };
      results.push(result);
      // a failed story may leave the page in any state: the next one starts from a fresh load
      fresh = result.messages.length > 0 || entry.type === 'docs';
      if (result.messages.length) console.log(`✗ ${entry.id}\n${result.messages.map((m) => `    ${m.slice(0, 800)}`).join('\n')}`);
      if (results.length % 25 === 0) console.log(`… ${results.length}/${entries.length} (${((Date.now() - started) / 1000).toFixed(0)}s)`);
      if (crashed) {
        await page.close().catch(() => undefined);
        page = await newPage();
        crashed = false;
      }
    }
  }
  await page.close().catch(() => undefined);
}
await Promise.all(Array.from({ length: Math.min(PAGES, jobs.length) }, worker));
await browser.close();
server.close();

// ---- 4. report -----------------------------------------------------------------------------------
const failures = results.filter((r) => r.messages.length);
const counts = { passed: results.length - failures.length, failed: failures.length + (entries.length - results.length), skipped: 0 };
writeCounts(counts);
writeFileSync(join(root, '.cache/storybook-smoke.json'), JSON.stringify(results, null, 1));
if (failures.length) console.log(`\nfailed (${failures.length}):\n${failures.map((f) => `  ${f.id} — ${f.messages[0].slice(0, 160)}`).join('\n')}`);
const slow = [...results].sort((a, b) => b.ms - a.ms).slice(0, 5).map((r) => `${r.id} ${(r.ms / 1000).toFixed(1)}s`).join(', ');
const stories = results.filter((r) => r.type === 'story').length;
console.log(`storybook: ${stories} stories and ${results.length - stories} docs pages in ${((Date.now() - started) / 1000).toFixed(1)}s` +
  ` (manifest ${(timings.manifest / 1000).toFixed(1)}s, build ${(timings.build / 1000).toFixed(1)}s); slowest: ${slow}`);
console.log(`storybook: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed ? 1 : 0);
