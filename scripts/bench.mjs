#!/usr/bin/env node
// `npm run bench [-- --json] [-- --only name,name]`: runs every workload in bench/node (Node) and
// bench/browser (headless Chromium via playwright-core), each several times, and prints the
// median figure, the baseline measured in the same run, and their ratio.
import { build } from 'esbuild';
import { readdirSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, extname } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',') : null;
const root = process.cwd();
const out = join(root, '.cache/bench');
mkdirSync(out, { recursive: true });

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const log = (...a) => { if (!json) console.error(...a); };
const results = [];

function pick(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).filter((f) => !only || only.includes(f.replace('.bench.ts', ''))).sort();
}

async function runMeasured(w, measureOnce) {
  const values = [], baselines = []; let extra;
  const runs = w.runs ?? 5;
  for (let i = 0; i < runs; i++) {
    const m = await measureOnce();
    values.push(m.value); baselines.push(m.baseline); extra = m.extra ?? extra;
  }
  const value = median(values), baseline = median(baselines);
  return { workload: w.name, value: +value.toFixed(3), unit: w.unit, baseline: +baseline.toFixed(3), ratio: +(value / baseline).toFixed(3), baselineLabel: w.baselineLabel, runs, extra };
}

// ---- Node workloads
for (const f of pick(join(root, 'bench/node'))) {
  const outfile = join(out, f.replace('.ts', '.mjs'));
  await build({ entryPoints: [join(root, 'bench/node', f)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error', conditions: ['kamkit-src', 'production'], tsconfig: join(root, 'tsconfig.base.json'), alias: { '@kamkit/core': join(root, 'packages/core/src/index.ts'), '@kamkit/adapters': join(root, 'packages/adapters/src/index.ts') } });
  const w = (await import(pathToFileURL(outfile).href)).default;
  log(`running ${w.name} …`);
  const ctx = w.setup ? await w.setup() : undefined;
  results.push(await runMeasured(w, () => w.measure(ctx)));
  if (w.teardown) await w.teardown(ctx);
}

// ---- Browser workloads
const browserFiles = pick(join(root, 'bench/browser'));
if (browserFiles.length) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  for (const f of browserFiles) {
    const name = f.replace('.bench.ts', '');
    const outfile = join(out, `${name}.browser.js`);
    const runner = join(out, `${name}.runner.ts`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(runner, `import w from ${JSON.stringify(join(root, 'bench/browser', f))};
      const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
      (window as any).__runBench = async () => {
        const ctx = w.setup ? await w.setup() : undefined;
        const runs = w.runs ?? 5; const values: number[] = [], baselines: number[] = []; let extra;
        for (let i = 0; i < runs; i++) { const m = await w.measure(ctx as never); values.push(m.value); baselines.push(m.baseline); extra = m.extra ?? extra; }
        if (w.teardown) await w.teardown(ctx as never);
        return { name: w.name, unit: w.unit, baselineLabel: w.baselineLabel, runs, values, baselines, extra };
      };`);
    await build({ entryPoints: [runner], outfile, bundle: true, platform: 'browser', format: 'esm', target: 'es2022', minify: true, logLevel: 'error', conditions: ['kamkit-src', 'production'], tsconfig: join(root, 'tsconfig.base.json') });
    // An optional Node companion starts servers the page needs (fake CRMs) and passes their URLs.
    const companion = join(root, 'bench/browser', `${name}.node.ts`);
    let env = {}, stop = async () => {};
    if (existsSync(companion)) {
      const cfile = join(out, `${name}.node.mjs`);
      await build({ entryPoints: [companion], outfile: cfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error', tsconfig: join(root, 'tsconfig.base.json'), alias: { '@kamkit/core': join(root, 'packages/core/src/index.ts'), '@kamkit/adapters': join(root, 'packages/adapters/src/index.ts') } });
      const started = await (await import(pathToFileURL(cfile).href)).start();
      env = started.env ?? {}; stop = started.stop ?? stop;
    }
    const server = createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/') { res.setHeader('content-type', 'text/html'); res.end(`<!doctype html><meta charset=utf-8><body><script>window.__BENCH_ENV=${JSON.stringify(env)}</script><script type=module src="/bench.js"></script>`); return; }
      if (url.pathname === '/bench.js') { res.setHeader('content-type', 'text/javascript'); res.end(readFileSync(outfile)); return; }
      res.statusCode = 404; res.end();
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => log(`  page error: ${e.message}`));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof window.__runBench === 'function');
    log(`running ${name} (Chromium) …`);
    const r = await page.evaluate(() => window.__runBench());
    const value = median(r.values), baseline = median(r.baselines);
    results.push({ workload: r.name, value: +value.toFixed(3), unit: r.unit, baseline: +baseline.toFixed(3), ratio: +(value / baseline).toFixed(3), baselineLabel: r.baselineLabel, runs: r.runs, extra: r.extra });
    await page.close();
    server.close();
    await stop();
  }
  await browser.close();
}

// ---- Report: the table and the JSON lines come out together.
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('workload', 20)} ${pad('value', 12)} ${pad('baseline', 12)} ${pad('ratio', 8)} baseline is`);
for (const r of results) console.log(`${pad(r.workload, 20)} ${pad(`${r.value} ${r.unit}`, 12)} ${pad(`${r.baseline} ${r.unit}`, 12)} ${pad(r.ratio, 8)} ${r.baselineLabel}${r.extra ? `  ${JSON.stringify(r.extra)}` : ''}`);
if (json) for (const r of results) console.log(JSON.stringify({ workload: r.workload, value: r.value, unit: r.unit, baseline: r.baseline, ratio: r.ratio }));
