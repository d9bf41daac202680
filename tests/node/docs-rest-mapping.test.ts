// docs/adapters/rest.md, "Field mapping (an ISV over their own ERP)": the `createRestSource({ mapping })`
// block runs as written, with only its baseUrl pointed at a tiny ERP on 127.0.0.1 that keeps its own
// field names (customer_name, sales_area.code, revenue in fen; phase, deal_value). Its records must
// load (none rejected), a filter and a patch must go out in the ERP's names. Node only, under a second.
import { createServer, type Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestSource } from '@kamkit/adapters/rest';
import { tsBlocks } from './docs-blocks.js';

const root = join(import.meta.dirname, '../..');
const out = join(root, '.cache/docs-run/rest-mapping');

type Row = Record<string, any>;
const customer: Row = { id: 'acc-1', customer_name: '华东精密机械有限公司', sales_area: { code: '华东' }, revenue_fen: 123_456_789, tags: [], sourceIds: {}, updatedAt: '2026-11-20T09:15:02.131Z' };
const deal: Row = { id: 'opp-1', accountId: 'acc-1', pipelineId: 'p1', phase: 'qualify', name: 'CNC line retrofit', deal_value: 1_200_000, currency: 'CNY', closeDate: '2026-12-31', updatedAt: '2026-11-20T09:15:02.131Z' };
const seen: Array<{ method: string; path: string; query: URLSearchParams; body?: Row }> = [];

let server: Server;
let source: RestSource;
beforeAll(async () => {
  server = createServer(async (req, res) => {
    const u = new URL(req.url!, 'http://x');
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = text ? JSON.parse(text) : undefined;
    seen.push({ method: req.method!, path: u.pathname, query: u.searchParams, body });
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.method === 'GET') return res.end(JSON.stringify({ data: [u.pathname.endsWith('/accounts') ? customer : deal] }));
    res.end(JSON.stringify({ ...customer, ...body, updatedAt: '2026-11-21T10:00:00.000Z' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  // The doc's block, as a reader copies it.
  const block = tsBlocks('docs/adapters/rest.md').find((code) => code.includes('mapping:'));
  expect(block, 'rest.md has a ts block with a mapping').toBeTypeOf('string');
  const code = block!
    .replace(/baseUrl: '[^']*'/, `baseUrl: 'http://127.0.0.1:${port}/api/kam'`)
    .replace(/^createRestSource\(/m, 'export const source = createRestSource(');
  mkdirSync(out, { recursive: true });
  const file = join(out, 'mapping.ts');
  writeFileSync(file, `import { createRestSource } from '@kamkit/adapters/rest';\n${code}`);
  source = (await import(/* @vite-ignore */ file)).source;
});

afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

describe('docs/adapters/rest.md: the field mapping example over an ERP with its own names', () => {
  it('loads the ERP account with its revenue in the model (none rejected)', async () => {
    const page = await source.list('accounts');
    expect(page.rejected.map((r) => r.issues.map((i) => `${i.path} ${i.message}`).join('; '))).toEqual([]);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ name: '华东精密机械有限公司', region: '华东', annualRevenue: { amount: 1_234_567.89, currency: 'CNY' } });
  });

  it('loads the ERP deal with its stage and amount', async () => {
    const page = await source.list('opportunities');
    expect(page.rejected).toEqual([]);
    expect(page.items[0]).toMatchObject({ stageId: 'qualify', amount: { amount: 1_200_000, currency: 'CNY' } });
  });

  it('sends a filter and a patch in the ERP names', async () => {
    await source.list('accounts', { filter: { region: '华东' } });
    expect(JSON.parse(seen.at(-1)!.query.get('filter')!)).toEqual({ 'sales_area.code': '华东' });
    const { record } = await source.write({
      op: 'update', entity: 'accounts', id: 'acc-1', idempotencyKey: 'k-1', ifUnmodifiedSince: customer.updatedAt,
      patch: { name: '华东精密机械股份有限公司', annualRevenue: { amount: 2_000_000, currency: 'CNY' } },
    });
    expect(seen.at(-1)).toMatchObject({ method: 'PATCH', path: '/api/kam/accounts/acc-1' });
    expect(seen.at(-1)!.body).toEqual({ customer_name: '华东精密机械股份有限公司', revenue_fen: 200_000_000 });
    expect(record).toMatchObject({ name: '华东精密机械股份有限公司', annualRevenue: { amount: 2_000_000, currency: 'CNY' } });
  });
});
