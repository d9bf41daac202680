import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { normalizeCompanyName, parseBatch, FxTable, Store, entityKinds, type Book } from '@kamkit/core';
import { mergeAccounts } from '@kamkit/core/dedupe';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';

const book500 = generateSampleBook();

describe('generateSampleBook', () => {
  it('is deterministic: same seed → deep-equal book; another seed → a different one', () => {
    const a = generateSampleBook({ seed: 7, accounts: 120 });
    const b = generateSampleBook({ seed: 7, accounts: 120 });
    expect(isDeepStrictEqual(a, b)).toBe(true);
    expect(a.accounts[0]).toEqual(b.accounts[0]);
    const c = generateSampleBook({ seed: 8, accounts: 120 });
    expect(c.accounts.map((x) => x.name)).not.toEqual(a.accounts.map((x) => x.name));
  });

  it('has the documented shape for 500 accounts', () => {
    const b = book500;
    expect(b.accounts).toHaveLength(500);
    expect(b.pipelines).toHaveLength(2);
    expect(b.opportunities.length).toBeGreaterThan(2400);
    expect(b.opportunities.length).toBeLessThan(3600);
    expect(b.activities.length).toBeGreaterThan(16000);
    expect(b.activities.length).toBeLessThan(24000);
    for (const k of ['contacts', 'teamMembers', 'contracts', 'orders', 'invoices', 'tickets', 'surveys'] as const) {
      expect(b[k].length, k).toBeGreaterThan(100);
    }
    const owners = new Set(b.accounts.map((a) => a.ownerId));
    expect(owners.size).toBe(10);
    expect(b.users.every((u) => u.team && u.region)).toBe(true);
  });

  it('every record passes its schema', () => {
    for (const kind of [...entityKinds, 'pipelines'] as const) {
      const r = parseBatch(kind, (book500 as Book)[kind]);
      expect(r.rejected, kind).toEqual([]);
    }
  });

  it('mixes Chinese and English names, regions, tiers, currencies', () => {
    const b = book500;
    expect(b.accounts.some((a) => /[\u4e00-\u9fff]/.test(a.name))).toBe(true);
    expect(b.accounts.some((a) => /^[A-Za-z]/.test(a.name))).toBe(true);
    expect(new Set(b.accounts.map((a) => a.region))).toEqual(new Set(['华东', '华南', '华北', '西南', 'EMEA', 'Americas']));
    expect(new Set(b.accounts.map((a) => a.tier))).toEqual(new Set(['A', 'B', 'C']));
    const currencies = new Set(b.orders.map((o) => o.amount.currency));
    expect(currencies.has('CNY') && currencies.has('USD') && currencies.has('EUR')).toBe(true);
    const cny = b.orders.filter((o) => o.amount.currency === 'CNY').length;
    expect(cny / b.orders.length).toBeGreaterThan(0.5);
  });

  it('has Pareto-concentrated revenue: the top 20% of accounts bring most of it', () => {
    const byAcc = new Map<string, number>();
    for (const o of book500.orders) {
      const rate = o.amount.currency === 'CNY' ? 1 : sampleFxTable.snapshots[1].rates[o.amount.currency];
      byAcc.set(o.accountId, (byAcc.get(o.accountId) ?? 0) + o.amount.amount * rate);
    }
    const sorted = [...byAcc.values()].sort((x, y) => y - x);
    const total = sorted.reduce((s, v) => s + v, 0);
    const top = sorted.slice(0, Math.ceil(sorted.length * 0.2)).reduce((s, v) => s + v, 0);
    expect(top / total).toBeGreaterThan(0.55);
  });

  it('has hierarchies whose parents exist', () => {
    const ids = new Set(book500.accounts.map((a) => a.id));
    const kids = book500.accounts.filter((a) => a.parentId);
    expect(kids.length).toBeGreaterThan(5);
    for (const k of kids) expect(ids.has(k.parentId!)).toBe(true);
    const s = Store.fromBook(book500);
    expect(s.children(kids[0].parentId!).map((a) => a.id)).toContain(kids[0].id);
  });

  it('has stage histories with backward moves and skips, won and lost deals with reasons', () => {
    const pipes = new Map(book500.pipelines.map((p) => [p.id, new Map(p.stages.map((s) => [s.id, s]))]));
    let backward = 0;
    let skips = 0;
    for (const o of book500.opportunities) {
      const st = pipes.get(o.pipelineId)!;
      expect(o.stageHistory.at(-1)!.stageId).toBe(o.stageId);
      expect(o.stageHistory.at(-1)!.leftAt).toBeUndefined();
      for (let i = 1; i < o.stageHistory.length; i++) {
        const a = st.get(o.stageHistory[i - 1].stageId)!;
        const b = st.get(o.stageHistory[i].stageId)!;
        expect(o.stageHistory[i - 1].leftAt).toBe(o.stageHistory[i].enteredAt);
        if (b.kind === 'open' && b.order < a.order) backward++;
        if (b.kind === 'open' && b.order > a.order + 1) skips++;
      }
    }
    expect(backward).toBeGreaterThan(10);
    expect(skips).toBeGreaterThan(10);
    const lost = book500.opportunities.filter((o) => o.stageId === 'st-lost' || o.stageId === 'rn-lost');
    const won = book500.opportunities.filter((o) => o.stageId === 'st-won' || o.stageId === 'rn-won');
    expect(lost.length).toBeGreaterThan(100);
    expect(won.length).toBeGreaterThan(100);
    expect(lost.every((o) => o.lostReason && o.closedAt)).toBe(true);
  });

  it('has renewals due soon, late and overdue invoices, tickets of every severity, NPS and CSAT', () => {
    const now = Date.parse('2026-11-23T00:00:00Z');
    const dueSoon = book500.contracts.filter((c) => Date.parse(c.endDate) > now && Date.parse(c.endDate) - now < 90 * 86_400_000);
    expect(dueSoon.length).toBeGreaterThan(10);
    expect(book500.contracts.some((c) => c.renewedById)).toBe(true);
    const late = book500.invoices.filter((i) => i.paidDate && i.paidDate > i.dueDate);
    const overdue = book500.invoices.filter((i) => !i.paidDate && Date.parse(i.dueDate) < now);
    expect(late.length).toBeGreaterThan(20);
    expect(overdue.length).toBeGreaterThan(20);
    expect(new Set(book500.tickets.map((t) => t.severity))).toEqual(new Set(['critical', 'high', 'medium', 'low']));
    expect(new Set(book500.surveys.map((s) => s.kind))).toEqual(new Set(['nps', 'csat']));
    expect(new Set(book500.contacts.map((c) => c.role)).size).toBeGreaterThanOrEqual(6);
  });

  it('is consistent in time: nothing after now, answers after questions, payments after invoices', () => {
    const now = '2026-11-23T00:00:00Z';
    for (const x of book500.activities) expect(x.occurredAt <= now, x.id).toBe(true);
    for (const o of book500.opportunities) {
      for (const h of o.stageHistory) {
        expect(h.enteredAt <= now, o.id).toBe(true);
        if (h.leftAt) expect(h.leftAt >= h.enteredAt, o.id).toBe(true);
      }
      if (o.closedAt) expect(o.closedAt <= now, o.id).toBe(true);
    }
    for (const t of book500.tickets) {
      if (t.firstResponseAt) expect(t.firstResponseAt >= t.openedAt, t.id).toBe(true);
      if (t.resolvedAt) {
        expect(t.firstResponseAt, t.id).toBeDefined();
        expect(t.resolvedAt >= t.firstResponseAt!, t.id).toBe(true);
        expect(t.resolvedAt <= now, t.id).toBe(true);
      }
    }
    for (const i of book500.invoices) {
      expect(i.dueDate >= i.issuedAt, i.id).toBe(true);
      if (i.paidDate) expect(i.paidDate >= i.issuedAt && i.paidDate <= now, i.id).toBe(true);
    }
    for (const c of book500.contracts) expect(c.endDate > c.startDate).toBe(true);
  });

  it('contains near-duplicate accounts that dedupe finds', () => {
    const names = book500.accounts.map((a) => a.name);
    expect(names).toContain('华锐技术有限公司');
    expect(names).toContain('华锐技术 有限公司');
    expect(names).toContain('Acme Co., Ltd.');
    expect(names).toContain('ACME Inc');
    const r = mergeAccounts(book500.accounts);
    expect(r.report.groups.length).toBeGreaterThanOrEqual(5);
    expect(r.accounts).toHaveLength(500 - r.report.groups.reduce((s, g) => s + g.mergedIds.length, 0));
    const acme = r.report.groups.find((g) => g.matches.some((m) => m.key.startsWith('acme')))!;
    expect(acme.matches[0].rule).toBe('name_domain');
    expect(normalizeCompanyName('华锐技术 有限公司')).toBe(normalizeCompanyName('华锐技术有限公司'));
  });

  it('exports a valid dated FX table with CNY base', () => {
    expect(FxTable.safeParse(sampleFxTable).success).toBe(true);
    expect(sampleFxTable.snapshots[0].base).toBe('CNY');
    for (const c of ['USD', 'EUR', 'HKD', 'JPY']) expect(sampleFxTable.snapshots[1].rates[c]).toBeGreaterThan(0);
  });

  it('scales: 20,000 accounts without related records, all valid, unique ids and names', () => {
    const b = generateSampleBook({ accounts: 20_000, related: false, seed: 3 });
    expect(b.accounts).toHaveLength(20_000);
    expect(b.opportunities).toHaveLength(0);
    expect(new Set(b.accounts.map((a) => a.id)).size).toBe(20_000);
    expect(new Set(b.accounts.map((a) => a.name)).size).toBeGreaterThan(19_950); // duplicates are deliberate
    expect(parseBatch('accounts', b.accounts).rejected).toEqual([]);
    const few = generateSampleBook({ accounts: 200, related: 0.1, seed: 3 });
    const full = generateSampleBook({ accounts: 200, seed: 3 });
    expect(few.activities.length).toBeLessThan(full.activities.length / 4);
  });
});
