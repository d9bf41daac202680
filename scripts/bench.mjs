#!/usr/bin/env node
// `npm run bench [-- --json] [-- --markdown] [-- --only name,name]`: runs every workload in
// bench/node (Node) and bench/browser (headless Chromium via playwright-core), each several times,
// and prints the median figure, the baseline measured in the same run, and their ratio.
//   --json      after the table, one JSON line per figure: {"workload","value","unit","baseline","ratio"}
//   --markdown  after the table, the same figures as a markdown table plus the machine they came
//               from (docs/performance.md is pasted from it)
//   --update-doc  as --markdown, and also writes that block into docs/performance.md between its
//               `<!-- bench:table -->` and `<!-- /bench:table -->` markers
//   --only a,b  only the workload files named a and b (bench/*/a.bench.ts)
// A workload may report further figures as lines of their own (`lines` in bench/types.ts); each
// is a median over the same runs.
import { build } from 'esbuild';
import { readdirSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const known = ['--json', '--markdown', '--update-doc', '--only', '--help', '-h'];
const unknown = args.filter((a, i) => a.startsWith('-') && !known.includes(a.split('=')[0]) && args[i - 1] !== '--only');
if (args.includes('--help') || args.includes('-h') || unknown.length) {
  // The header comment above is the usage text.
  const lines = readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1);
  const usage = lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.slice(3));
  const names = ['node', 'browser'].flatMap((d) => readdirSync(join(process.cwd(), 'bench', d)).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', '')));
  if (unknown.length) console.error(`bench: unknown option ${unknown.join(', ')}`);
  console.log(`${usage.join('\n')}\nworkload files: ${names.join(', ')}`);
  process.exit(unknown.length ? 2 : 0);
}
const json = args.includes('--json');
const updateDoc = args.includes('--update-doc');
const markdown = args.includes('--markdown') || updateDoc;
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',') : null;
// The doc's table holds a whole run: a partial run must not replace it.
if (updateDoc && only) { console.error('bench: --update-doc records a full run; drop --only (or use --markdown to print the block)'); process.exit(2); }
const root = process.cwd();
const out = join(root, '.cache/bench');
mkdirSync(out, { recursive: true });
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
// Progress goes to stderr, so stdout holds only the report.
const log = (...a) => console.error(...a);
const results = [];
// A workload that throws is reported and the others still run; the exit code says so.
const failures = [];
const failed = (name, e) => { failures.push(name); log(`  ${name} FAILED: ${e?.stack ?? e}`); };
const started = Date.now();
const loadBefore = loadavg();

function pick(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).filter((f) => !only || only.includes(f.replace('.bench.ts', ''))).sort();
}

/** Median of each numeric key over the runs (a string keeps its last value). */
function medianExtra(extras) {
  const keys = [...new Set(extras.flatMap((e) => (e ? Object.keys(e) : [])))];
  if (!keys.length) return undefined;
  const outExtra = {};
  for (const k of keys) {
    const vals = extras.map((e) => e?.[k]).filter((v) => v !== undefined);
    outExtra[k] = vals.every((v) => typeof v === 'number') ? +median(vals).toFixed(1) : vals[vals.length - 1];
  }
  return outExtra;
}

/**
 * One result row per figure from the runs' measurements: the main one, then one per `lines`
 * entry the workload declares. `meta` is the workload's name, unit, baselineLabel, goal, lines.
 */
function summarize(meta, ms) {
  const row = (workload, unit, baselineLabel, goal, values, baselines, extra) => {
    const value = median(values), baseline = median(baselines);
    return { workload, value: +value.toFixed(3), unit, baseline: +baseline.toFixed(3), ratio: +(value / baseline).toFixed(3), baselineLabel, goal, runs: values.length, extra };
  };
  const rows = [row(meta.name, meta.unit, meta.baselineLabel, meta.goal, ms.map((m) => m.value), ms.map((m) => m.baseline), medianExtra(ms.map((m) => m.extra)))];
  for (const l of meta.lines ?? []) {
    const got = ms.map((m) => m.lines?.[l.name]);
    if (got.some((g) => !g)) throw new Error(`${meta.name}: a run did not report the line "${l.name}"`);
    rows.push(row(l.name, l.unit, l.baselineLabel, l.goal, got.map((g) => g.value), got.map((g) => g.baseline)));
  }
  return rows;
}

// Node bundles: the workspace packages (@kamkit/*, every subpath) are bundled from source through
// their `kamkit-src` export condition (a clean clone has no dist/); every other package and
// node: builtin stays external and is loaded from node_modules at run time.
const workspaceFromSource = {
  name: 'workspace-from-source',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@kamkit/') ? undefined : { path: a.path, external: true }));
  },
};
const nodeBuild = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error', conditions: ['kamkit-src', 'production'], tsconfig: join(root, 'tsconfig.base.json'), plugins: [workspaceFromSource] };

// ---- Node workloads
for (const f of pick(join(root, 'bench/node'))) {
  const name = f.replace('.bench.ts', '');
  try {
    const outfile = join(out, f.replace('.ts', '.mjs'));
    await build({ ...nodeBuild, entryPoints: [join(root, 'bench/node', f)], outfile });
    const w = (await import(pathToFileURL(outfile).href)).default;
    log(`running ${w.name} …`);
    const t0 = Date.now();
    const ctx = w.setup ? await w.setup() : undefined;
    const ms = [];
    for (let i = 0; i < (w.runs ?? 5); i++) ms.push(await w.measure(ctx));
    if (w.teardown) await w.teardown(ctx);
    results.push(...summarize(w, ms));
    log(`  ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    failed(name, e);
  }
}

// ---- Browser workloads
const browserFiles = pick(join(root, 'bench/browser'));
if (browserFiles.length) {
  const { chromium } = await import('playwright-core');
  // A persistent profile on disk: an incognito context keeps IndexedDB in memory, which would
  // flatter every IndexedDB figure (reference/perf-anchors.md §4). A fresh directory per run.
  const profile = mkdtempSync(join(tmpdir(), 'kam-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  // One page, navigated from workload to workload: a second tab would leave the first hidden,
  // where animation frames stop.
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => log(`  page error: ${e.message}`));
  try {
    for (const f of browserFiles) {
      const name = f.replace('.bench.ts', '');
      const outfile = join(out, `${name}.browser.js`);
      const runner = join(out, `${name}.runner.ts`);
      let env = {}, stop = async () => {};
      writeFileSync(runner, `import w from ${JSON.stringify(join(root, 'bench/browser', f))};
        (window as any).__runBench = async () => {
          const ctx = w.setup ? await w.setup() : undefined;
          const ms = [];
          for (let i = 0; i < (w.runs ?? 5); i++) ms.push(await w.measure(ctx as never));
          if (w.teardown) await w.teardown(ctx as never);
          return { meta: { name: w.name, unit: w.unit, baselineLabel: w.baselineLabel, goal: w.goal, lines: w.lines }, ms };
        };`);
      await build({ entryPoints: [runner], outfile, bundle: true, platform: 'browser', format: 'esm', target: 'es2022', minify: true, logLevel: 'error', conditions: ['kamkit-src', 'production'], tsconfig: join(root, 'tsconfig.base.json') });
      const server = createServer((req, res) => {
        const url = new URL(req.url, 'http://x');
        if (url.pathname === '/') { res.setHeader('content-type', 'text/html'); res.end(`<!doctype html><meta charset=utf-8><body><script>window.__BENCH_ENV=${JSON.stringify(env).replace(/</g, '\\u003c')}</script><script type=module src="/bench.js"></script>`); return; }
        if (url.pathname === '/bench.js') { res.setHeader('content-type', 'text/javascript'); res.end(readFileSync(outfile)); return; }
        res.statusCode = 404; res.end();
      });
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      const origin = `http://127.0.0.1:${server.address().port}`;
      // An optional Node companion (bench/browser/<name>.node.ts, `export async function start({ origin })`)
      // starts servers the page needs (fake CRMs, allowing the page's origin) and passes their URLs
      // to the page as `window.__BENCH_ENV`.
      const companion = join(root, 'bench/browser', `${name}.node.ts`);
      if (existsSync(companion)) {
        const cfile = join(out, `${name}.node.mjs`);
        await build({ ...nodeBuild, entryPoints: [companion], outfile: cfile });
        const startedCompanion = await (await import(pathToFileURL(cfile).href)).start({ origin });
        env = startedCompanion.env ?? {}; stop = startedCompanion.stop ?? stop;
      }
      try {
        await page.goto(`${origin}/`);
        await page.waitForFunction(() => typeof window.__runBench === 'function');
        log(`running ${name} (Chromium) …`);
        const t0 = Date.now();
        const r = await page.evaluate(() => window.__runBench());
        results.push(...summarize(r.meta, r.ms));
        log(`  ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } catch (e) {
        failed(name, e);
      } finally {
        await page.goto('about:blank');
        server.close();
        await stop();
      }
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// ---- Report: the table and the JSON lines come out together.
const pad = (s, n) => String(s).padEnd(n);
const fmt = (n) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));
console.log(`${pad('workload', 22)} ${pad('value', 16)} ${pad('baseline', 16)} ${pad('ratio', 7)} ${pad('goal', 8)} baseline is`);
for (const r of results) {
  console.log(`${pad(r.workload, 22)} ${pad(`${fmt(r.value)} ${r.unit}`, 16)} ${pad(`${fmt(r.baseline)} ${r.unit}`, 16)} ${pad(r.ratio.toFixed(2), 7)} ${pad(r.goal === undefined ? '' : `≤ ${r.goal}`, 8)} ${r.baselineLabel}`);
  if (r.extra) console.log(`${' '.repeat(23)}${Object.entries(r.extra).map(([k, v]) => `${k}: ${v}`).join(' · ')}`);
}
if (json) for (const r of results) console.log(JSON.stringify({ workload: r.workload, value: r.value, unit: r.unit, baseline: r.baseline, ratio: r.ratio }));

if (markdown) {
  const md = [];
  const cell = (s) => String(s).replace(/\|/g, '\\|');
  const cpuModel = (() => { try { return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1]; } catch { return undefined; } })() ?? cpus()[0]?.model;
  const gib = (b) => `${(b / 2 ** 30).toFixed(1)} GiB`;
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  let chromium;
  try { chromium = execFileSync(chromePath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { chromium = `not found at ${chromePath}`; }
  md.push('| workload | figure | baseline | ratio | goal | runs | baseline is |');
  md.push('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of results) {
    const met = r.goal === undefined ? '' : r.ratio <= r.goal ? ' ✓' : ' ✗';
    md.push(`| \`${r.workload}\` | ${fmt(r.value)} ${r.unit} | ${fmt(r.baseline)} ${r.unit} | **${r.ratio.toFixed(2)}**${met} | ${r.goal === undefined ? '—' : `≤ ${r.goal}`} | ${r.runs} | ${cell(r.baselineLabel)} |`);
  }
  md.push('');
  for (const r of results) if (r.extra) md.push(`- \`${r.workload}\`: ${Object.entries(r.extra).map(([k, v]) => `${k} ${v}`).join(' · ')}`);
  md.push('');
  md.push(`Measured ${new Date(started).toISOString().replace(/\.\d+Z$/, 'Z')} in ${((Date.now() - started) / 60000).toFixed(1)} min · ${cpuModel}, ${cpus().length} CPUs · ${gib(totalmem())} memory (${gib(freemem())} free at the end) · load average (1 / 5 / 15 min) ${load(loadBefore)} before, ${load(loadavg())} after · Node ${process.version} · ${chromium} (headless) · ${process.platform} ${process.arch}`);
  console.log(['', ...md].join('\n'));
  if (updateDoc && failures.length) log('bench: docs/performance.md left as it was (a workload failed)');
  else if (updateDoc) {
    const doc = join(root, 'docs/performance.md');
    const text = readFileSync(doc, 'utf8');
    const re = /(<!-- bench:table -->\n)[\s\S]*?(<!-- \/bench:table -->)/;
    if (!re.test(text)) throw new Error('docs/performance.md has no <!-- bench:table --> … <!-- /bench:table --> block to replace');
    writeFileSync(doc, text.replace(re, (_, a, b) => `${a}${md.join('\n')}\n${b}`));
    log('bench: docs/performance.md updated');
  }
}
log(`bench: ${results.length} figures in ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (failures.length) {
  log(`bench: ${failures.length} workload(s) failed: ${failures.join(', ')}`);
  process.exitCode = 1;
}
