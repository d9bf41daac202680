// What `npm publish` would ship, checked per package: the packed file list (npm pack --dry-run)
// holds no tests, fixtures, stories, source maps or sources; every `exports` entry resolves to a
// shipped file with its types; `sideEffects` names exactly the files that register elements; and a
// small consumer importing every public entry compiles with tsc against the built .d.ts
// (moduleResolution bundler), as a developer's project would.
// dist/ comes from `node scripts/build.mjs`; it is built here first when missing or older than the
// sources (a clean clone has none), without re-checking types (the typecheck step does that).
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const PACKAGES = ['core', 'adapters', 'elements'] as const;
type Pkg = (typeof PACKAGES)[number];

interface PackageJson {
  name: string;
  main?: string;
  types?: string;
  exports: Record<string, string | Record<string, string>>;
  files: string[];
  sideEffects: boolean | string[];
  customElements?: string;
}
const manifest = (p: Pkg): PackageJson => JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8'));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function distIsCurrent(): boolean {
  const inputs = Math.max(statSync(join(root, 'scripts/build.mjs')).mtimeMs, statSync(join(root, 'scripts/templates.mjs')).mtimeMs,
    ...PACKAGES.flatMap((p) => [newestMtime(join(root, 'packages', p, 'src')), statSync(join(root, 'packages', p, 'package.json')).mtimeMs]));
  return PACKAGES.every((p) => {
    const marker = join(root, 'packages', p, 'dist/index.d.ts');
    return existsSync(marker) && statSync(marker).mtimeMs >= inputs;
  }) && existsSync(join(root, 'packages/elements/dist/kamkit.bundle.d.ts'));
}

/** The files `npm pack` would put in the tarball, relative to the package folder. */
const packed = new Map<Pkg, string[]>();

beforeAll(() => {
  if (!distIsCurrent()) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs', '--no-check'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`node scripts/build.mjs failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  for (const p of PACKAGES) {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: join(root, 'packages', p), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm pack --dry-run in packages/${p} failed:\n${r.stderr}`);
    const [info] = JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>;
    packed.set(p, info.files.map((f) => f.path).sort());
  }
}, 600_000);

const JUNK: Array<[string, RegExp]> = [
  ['a test', /(^|\/)(test|tests|__tests__)\/|\.test\.|(^|\/)test-[^/]*$/],
  ['a test fixture', /(^|\/)fixtures?(\.|\/)|test-fixtures/],
  ['a story', /\.stories\.|(^|\/)stories\//],
  ['a source map', /\.map$/],
  ['source', /^src\/|\.ts$(?<!\.d\.ts)/],
  ['build config', /(^|\/)tsconfig[^/]*\.json$|(^|\/)\.cache\//],
];

/** Every file an exports entry names, with the condition it is reached by. */
function exportTargets(pkg: PackageJson): Array<{ key: string; condition: string; file: string }> {
  return Object.entries(pkg.exports).flatMap(([key, entry]) => typeof entry === 'string'
    ? [{ key, condition: 'default', file: entry }]
    : Object.entries(entry).map(([condition, file]) => ({ key, condition, file })));
}

/** package.json `sideEffects` glob → RegExp over paths relative to the package (no leading ./). */
function globRe(glob: string): RegExp {
  const body = glob.replace(/^\.\//, '').replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '(?:.*/)?');
  return new RegExp(`^${body}$`);
}

describe.each(PACKAGES)('@kamkit/%s as packed for npm', (p) => {
  const pkg = manifest(p);

  it('ships no tests, fixtures, stories, source maps or sources', () => {
    const files = packed.get(p)!;
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
    expect(files.some((f) => f.startsWith('dist/'))).toBe(true);
    // the Apache-2.0 text travels with each package, the same as the repository's
    expect(readFileSync(join(root, 'packages', p, 'LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'));
    const junk = files.flatMap((f) => JUNK.filter(([, re]) => re.test(f)).map(([what]) => `${f} (${what})`));
    expect(junk).toEqual([]);
    if (p === 'elements') {
      expect(files).toEqual(expect.arrayContaining(['custom-elements.json', 'dist/kamkit.bundle.js', 'dist/kamkit.bundle.d.ts']));
      expect(pkg.customElements).toBe('custom-elements.json');
    }
  });

  it('resolves every exports entry to a shipped file, each code entry with its types', () => {
    const files = new Set(packed.get(p)!);
    const targets = exportTargets(pkg);
    const missing = targets.filter((t) => t.condition !== 'kamkit-src' && !files.has(t.file.replace(/^\.\//, '')));
    expect(missing).toEqual([]);
    // the workspace condition points at sources that exist (they are not shipped: see the junk check)
    expect(targets.filter((t) => t.condition === 'kamkit-src' && !existsSync(join(root, 'packages', p, t.file)))).toEqual([]);
    for (const [key, entry] of Object.entries(pkg.exports)) {
      const file = typeof entry === 'string' ? entry : entry.default;
      if (!file.endsWith('.js')) continue;
      expect(typeof entry === 'object' && entry.types, `${pkg.name} exports["${key}"] has types`).toMatch(/\.d\.ts$/);
      // `types` comes before `default`: resolvers take the first condition that matches
      expect(Object.keys(entry).indexOf('types'), `${key}: types before default`).toBeLessThan(Object.keys(entry).indexOf('default'));
    }
    for (const field of ['main', 'types'] as const) expect(files.has(pkg[field]!.replace(/^\.\//, '')), `${field} is shipped`).toBe(true);
  });

  it('declares every package its shipped code imports, import() included', () => {
    // A bundler resolves an import() when it builds, taken or not: <kam-provider>'s lazy REST
    // adapter failed `vite build` in a project that had installed only @kamkit/elements.
    const declared = new Set(Object.keys({ ...(pkg as { dependencies?: object }).dependencies, ...(pkg as { peerDependencies?: object }).peerDependencies }));
    const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"./][^'"]*)['"]/g;
    const undeclared = new Set<string>();
    for (const f of packed.get(p)!.filter((f) => f.endsWith('.js'))) {
      for (const [, spec] of readFileSync(join(root, 'packages', p, f), 'utf8').matchAll(specifier)) {
        if (spec.startsWith('node:')) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (name !== pkg.name && !declared.has(name)) undeclared.add(`${name} (${f})`);
      }
    }
    expect([...undeclared]).toEqual([]);
  });

  it('declares side effects only for the files that register elements', () => {
    if (p !== 'elements') {
      expect(pkg.sideEffects).toBe(false);
      return;
    }
    expect(Array.isArray(pkg.sideEffects)).toBe(true);
    const globs = (pkg.sideEffects as string[]).map(globRe);
    const files = packed.get(p)!.filter((f) => f.endsWith('.js'));
    const marked = files.filter((f) => globs.some((re) => re.test(f)));
    // registering files: each define file, define-all, the all-in-one bundle, and the React
    // wrappers (each imports its element's define file)
    const registers = (f: string) => /^dist\/(.+\/)?define\.js$|^dist\/define-all\.js$|^dist\/kamkit\.bundle\.js$/.test(f)
      || (/^react\/[^/]+\.js$/.test(f) && /import '\.\.\/dist\/[^']+\/define\.js'|from '\.\/[^']+\.js'/.test(readFileSync(join(root, 'packages', p, f), 'utf8')));
    expect(marked.filter((f) => !registers(f))).toEqual([]);
    // and every define file is marked, or a bundler would drop the registration
    expect(files.filter((f) => /define(-all)?\.js$/.test(f) && !marked.includes(f))).toEqual([]);
    expect(marked.filter((f) => /\/define\.js$/.test(f)).length).toBeGreaterThanOrEqual(15);
    // nothing else in src registers a tag at import time
    const classFiles = files.filter((f) => /^dist\/[^/]+\/kam-[a-z0-9-]+\.js$/.test(f));
    expect(classFiles.length).toBeGreaterThan(10);
    expect(classFiles.filter((f) => /customElements\.define\(/.test(readFileSync(join(root, 'packages', p, f), 'utf8')))).toEqual([]);
  });
});

describe('a consumer project', () => {
  it('compiles against the built .d.ts, importing every public entry (moduleResolution bundler)', () => {
    const dir = join(root, '.cache/packages-consumer');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const lines: string[] = [];
    const used: string[] = [];
    let n = 0;
    for (const p of PACKAGES) {
      const pkg = manifest(p);
      for (const [key, entry] of Object.entries(pkg.exports)) {
        const file = typeof entry === 'string' ? entry : entry.default;
        if (!file.endsWith('.js') || (key === './react' && p === 'elements')) continue;
        const spec = `${pkg.name}${key.slice(1)}`;
        const d = readFileSync(join(root, 'packages', p, (entry as Record<string, string>).types), 'utf8');
        if (/^export /m.test(d)) { lines.push(`import * as e${n} from '${spec}';`); used.push(`e${n}`); n++; }
        else lines.push(`import '${spec}';`);
      }
    }
    // the React wrappers need the optional peers, which the workspace has
    lines.push(`import * as react from '@kamkit/elements/react';`);
    const tags = (JSON.parse(readFileSync(join(root, 'packages/elements/custom-elements.json'), 'utf8')) as { modules: Array<{ declarations?: Array<{ tagName?: string; customElement?: boolean }> }> })
      .modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => d.tagName!);
    expect(tags.length).toBeGreaterThan(15);
    const source = `${lines.join('\n')}
import { Store, parseEntity, type Account } from '@kamkit/core';
import { scoreAccount } from '@kamkit/core/health';
import { KamPipelineBoard, formatMoney } from '@kamkit/elements';

export const modules = [${used.join(', ')}, react];
// typed use of the main entries, as a developer writes it
const account: Account = { id: 'a1', name: 'Acme', tags: [], sourceIds: {} };
export const store: Store = Store.fromBook({ accounts: [account] });
export const parsed = parseEntity('accounts', account);
export const score: typeof scoreAccount = scoreAccount;
export const money: string = formatMoney('zh-CN', { amount: 1200, currency: 'CNY' });
// every registered tag is typed by the define entries (HTMLElementTagNameMap)
${tags.map((t, i) => `export const tag${i}: HTMLElementTagNameMap['${t}'] = document.createElement('${t}');`).join('\n')}
export const board: KamPipelineBoard = document.createElement('kam-pipeline-board');
`;
    writeFileSync(join(dir, 'consumer.ts'), source);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'es2022', module: 'esnext', moduleResolution: 'bundler', strict: true, noEmit: true,
        lib: ['es2022', 'dom', 'dom.iterable'], types: ['node'], skipLibCheck: false,
        noUncheckedSideEffectImports: true, verbatimModuleSyntax: true,
      },
      files: ['consumer.ts'],
    }, null, 2));
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json'), '--listFiles'], { cwd: dir, encoding: 'utf8' });
    const out = `${r.stdout}${r.stderr}`;
    expect(out.split('\n').filter((l) => /error TS\d+/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    // and it resolved through dist, not the workspace sources
    expect(out).toMatch(/packages\/core\/dist\/index\.d\.ts/);
    expect(out).toMatch(/packages\/elements\/dist\/pipeline-board\/define\.d\.ts/);
    expect(out).not.toMatch(/packages\/(core|adapters|elements)\/src\//);
  }, 120_000);
});
