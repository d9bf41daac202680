// docs/guides/data-sources.md, "Your own DataSource": the worked example (docs/examples/erp-source.ts)
// against a tiny ERP on 127.0.0.1 — paging, a bad record quarantined, the Store loading through it,
// a stage move reaching the ERP, a stale stamp as a conflict, and how the sync engine classifies
// the ERP's errors. Node only, about a second.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KamConflictError, KamError, Store, listAll } from '@kamkit/core';
import { classifyFailure } from '@kamkit/core/sync';
import { createErpSource } from '../../docs/examples/erp-source.js';

type Row = Record<string, any>;
const customers: Row[] = [
  { code: 'C001', title: '华夏金融服务股份有限公司', area: '华东', grade: 'A', modified: '2026-11-01T08:00:00Z' },
  { code: 'C002', title: 'Contoso Stockholm AB', area: 'Europe', grade: 'B', modified: '2026-11-02T08:00:00Z' },
  { code: 'C003', title: '联创新能源有限公司', area: '华南', grade: 'A', modified: '2026-11-03T08:00:00Z' },
  { code: 'BAD1', title: 'Broken', area: 'x', grade: 'C', modified: 'yesterday' },
  { code: 'C005', title: '百川电子科技有限公司', area: '华北', grade: 'B', modified: '2026-11-05T08:00:00Z' },
];
const deals: Row[] = [
  { no: 'D1', customer: 'C001', subject: '年度采购', value: 450000, cur: 'CNY', phase: 'lead', close: '2026-12-20', modified: '2026-11-01T09:00:00Z' },
  { no: 'D2', customer: 'C002', subject: 'ERP rollout', value: 120000, cur: 'EUR', phase: 'proposal', close: '2027-01-15', modified: '2026-11-02T09:00:00Z' },
];
const phases = [['lead', 'Lead', 0.1, 'pipeline', 'open'], ['proposal', 'Proposal', 0.4, 'best_case', 'open'], ['won', 'Won', 1, 'closed', 'won'], ['lost', 'Lost', 0, 'omitted', 'lost']];
let failNext: number | undefined;
const moves: string[] = [];

let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer(async (req, res) => {
    const u = new URL(req.url!, 'http://x');
    const send = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (u.pathname === '/phases') return send(200, phases);
    const m = u.pathname.match(/^\/(customers|deals)(?:\/([^/]+))?(\/move)?$/);
    if (!m) return send(404, { error: 'no such route' });
    const rows = m[1] === 'customers' ? customers : deals;
    if (!m[2]) {
      const offset = Number(u.searchParams.get('offset')), size = Number(u.searchParams.get('size'));
      return send(200, { rows: rows.slice(offset, offset + Math.min(size, 2)), count: rows.length });   // 2 a page at most
    }
    const row = rows.find((r) => (r.code ?? r.no) === m[2]);
    if (!row) return send(404, { error: `${m[2]} not found` });
    if (!m[3]) return send(200, row);
    let body = '';
    for await (const c of req) body += c;
    const { phase, expected } = JSON.parse(body);
    if (failNext) { const s = failNext; failNext = undefined; return send(s, { error: s === 422 ? 'ERP-4711 approval pending' : 'busy' }); }
    if (expected && expected !== row.modified) return send(409, { error: 'changed', current: row });
    row.phase = phase;
    row.modified = new Date().toISOString();
    moves.push(`${row.no}→${phase}`);
    send(200, row);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('docs: a DataSource of your own (docs/examples/erp-source.ts)', () => {
  it('pages with its own cursor and quarantines the bad record with its path', async () => {
    const source = createErpSource(url);
    const pages = [];
    for await (const page of listAll(source, 'accounts', { limit: 2 })) pages.push(page);
    expect(pages.length).toBe(3);
    expect(pages.flatMap((p) => p.items.map((a) => a.id))).toEqual(['C001', 'C002', 'C003', 'C005']);
    const rejected = pages.flatMap((p) => p.rejected);
    expect(rejected.map((r) => [r.id, r.issues[0].path])).toEqual([['BAD1', 'updatedAt']]);
    expect(await source.get('accounts', 'nope')).toBeUndefined();
  });

  it('loads a Store: pipelines, accounts, deals, the rejected record counted', async () => {
    const store = new Store({ source: createErpSource(url) });
    const report = await store.load();
    expect(report.counts.accounts).toBe(4);
    expect(report.counts.opportunities).toBe(2);
    expect(report.counts.pipelines).toBe(1);
    expect(report.rejected.length).toBe(1);
  });

  it('a stage move reaches the ERP; a stale stamp is a KamConflictError with the current record', async () => {
    const source = createErpSource(url);
    const before = (await source.get('opportunities', 'D1'))!;
    const { record } = await source.write({ op: 'moveStage', entity: 'opportunities', id: 'D1', toStageId: 'proposal', idempotencyKey: 'k1', ifUnmodifiedSince: before.updatedAt });
    expect(moves).toContain('D1→proposal');
    expect((record as { updatedAt: string }).updatedAt).not.toBe(before.updatedAt);
    const stale = await source.write({ op: 'moveStage', entity: 'opportunities', id: 'D1', toStageId: 'lead', idempotencyKey: 'k2', ifUnmodifiedSince: before.updatedAt }).catch((e) => e);
    expect(stale).toBeInstanceOf(KamConflictError);
    expect((stale as KamConflictError).current).toMatchObject({ id: 'D1', stageId: 'proposal' });
    expect(classifyFailure(stale)).toBe('conflict');
  });

  it("the ERP's errors: 422 permanent (shown, not retried), 503 retried, no answer held and probed", async () => {
    const source = createErpSource(url);
    const move = (key: string) => source.write({ op: 'moveStage', entity: 'opportunities', id: 'D2', toStageId: 'won', idempotencyKey: key });
    failNext = 422;
    const refused = await move('k3').catch((e) => e);
    expect(refused).toBeInstanceOf(KamError);
    expect(refused.message).toBe('ERP 422: ERP-4711 approval pending');
    expect(classifyFailure(refused)).toBe('permanent');
    failNext = 503;
    expect(classifyFailure(await move('k4').catch((e) => e))).toBe('transient');
    const down = createErpSource('http://127.0.0.1:9');          // nothing listens there
    expect(classifyFailure(await down.capabilities().then(() => down.list('accounts')).catch((e) => e))).toBe('unreachable');
  });
});
