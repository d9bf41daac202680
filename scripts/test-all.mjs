#!/usr/bin/env node
// `npm test`: the type check, the Node suites (vitest), the browser suites (web-test-runner in
// real Chromium) and the Storybook smoke test, then one closing line summing them all.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, existsSync } from 'node:fs';

const suites = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'vitest', cmd: 'npx', args: ['vitest', 'run'], counts: '.cache/count-vitest.json' },
  { name: 'web-test-runner', cmd: 'npx', args: ['web-test-runner'], counts: '.cache/count-wtr.json' },
  // builds Storybook, then opens every story and docs page in Chromium (console errors, axe)
  { name: 'storybook', cmd: process.execPath, args: ['tests/storybook/smoke.mjs'], counts: '.cache/count-storybook.json' },
];

let passed = 0, failed = 0, skipped = 0;
for (const s of suites) {
  if (s.counts) rmSync(s.counts, { force: true });
  console.log(`\n=== ${s.name} ===`);
  const started = Date.now();
  const r = spawnSync(s.cmd, s.args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (s.counts && existsSync(s.counts)) {
    const c = JSON.parse(readFileSync(s.counts, 'utf8'));
    // a runner that exits non-zero with nothing counted as failed still failed
    if (r.status !== 0 && c.failed === 0) c.failed = 1;
    passed += c.passed; failed += c.failed; skipped += c.skipped ?? 0;
    console.log(`=== ${s.name}: ${c.passed} passed, ${c.failed} failed (${secs}s)`);
  } else if (r.status === 0) {
    passed += 1;
    console.log(`=== ${s.name}: ok (${secs}s)`);
  } else {
    failed += 1;
    console.log(`=== ${s.name}: FAILED with exit ${r.status} (${secs}s)`);
  }
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
