import { describe, expect, it } from 'vitest';
import { normalizeCompanyName, normalizeDomain, normalizeTaxId, Store, type Account, type Contact, type Opportunity, type Pipeline } from '@kamkit/core';
import { mergeAccounts, dedupeAccounts } from '@kamkit/core/dedupe';

const a = (id: string, name: string, extra: Partial<Account> = {}): Account => ({ id, name, tags: [], sourceIds: {}, ...extra });

describe('normalizeCompanyName', () => {
  it.each([
    ['华为技术有限公司', '华为技术 有限公司'],
    ['华为技术有限公司', '华为技术股份有限公司'],
    ['远航物流（中国）有限公司', '远航物流(中国)有限公司'],
    ['远航物流（中国）有限公司', '远航物流有限公司'],
    ['中联重科集团有限公司', '中联重科'],
    ['Acme Co., Ltd.', 'ACME Inc'],
    ['Acme Co., Ltd.', 'acme co ltd'],
    ['Acme Corporation', 'ACME, Inc.'],
    ['Nordic Tools GmbH', 'Ｎｏｒｄｉｃ Ｔｏｏｌｓ ＧｍｂＨ'],
    ['Globex LLC', 'GLOBEX  L.L.C.'.replace(/\./g, '')],
    ['Ｓｉｅｍｅｎｓ （中国） 有限公司', 'Siemens(中国)有限公司'],
  ])('%s ≡ %s', (x, y) => {
    expect(normalizeCompanyName(x)).toBe(normalizeCompanyName(y));
    expect(normalizeCompanyName(x).length).toBeGreaterThan(0);
  });
  it.each([
    ['华为技术有限公司', '华为终端有限公司'],
    ['Acme Co., Ltd.', 'Acme Tools Ltd'],
    ['Nordic Tools GmbH', 'Nordic Tooling GmbH'],
  ])('%s ≢ %s', (x, y) => {
    expect(normalizeCompanyName(x)).not.toBe(normalizeCompanyName(y));
  });
  it('never strips a name down to nothing', () => {
    expect(normalizeCompanyName('集团')).toBe('集团');
    expect(normalizeCompanyName('Inc')).toBe('inc');
  });
});

describe('normalizeDomain and normalizeTaxId', () => {
  it('domains from websites, bare domains and e-mails', () => {
    expect(normalizeDomain('https://www.Acme.com/contact?x=1')).toBe('acme.com');
    expect(normalizeDomain('http://NordicTools.de/')).toBe('nordictools.de');
    expect(normalizeDomain('ａｃｍｅ．ｃｏｍ')).toBe('acme.com');
    expect(normalizeDomain('li.lei@hengrui.com.cn')).toBe('hengrui.com.cn');
    expect(normalizeDomain('acme.com:8080')).toBe('acme.com');
    expect(normalizeDomain('someone@qq.com')).toBeUndefined(); // free mail says nothing
    expect(normalizeDomain('not a domain')).toBeUndefined();
    expect(normalizeDomain(undefined)).toBeUndefined();
  });
  it('tax ids ignore width, case, spaces and dashes', () => {
    expect(normalizeTaxId('91310115 ma1h7xkq2b')).toBe('91310115MA1H7XKQ2B');
    expect(normalizeTaxId('９１３１０１１５-MA1H7XKQ2B')).toBe('91310115MA1H7XKQ2B');
    expect(normalizeTaxId('  ')).toBeUndefined();
  });
});

describe('mergeAccounts rules', () => {
  it('same source id merges, whatever the names', () => {
    const r = mergeAccounts([a('a1', '金桥电子', { sourceIds: { salesforce: '001X' } }), a('a2', 'Jinqiao Electronics', { sourceIds: { salesforce: '001X', kingdee: '77' } })]);
    expect(r.accounts).toHaveLength(1);
    expect(r.report.groups[0].matches).toEqual([{ a: 'a1', b: 'a2', rule: 'source_id', key: 'salesforce:001X' }]);
    expect(r.accounts[0].sourceIds).toEqual({ salesforce: '001X', kingdee: '77' });
  });
  it('normalised name + tax id merges (spacing, full-width, suffix, tax id written differently)', () => {
    const r = mergeAccounts([
      a('a1', '华为技术有限公司', { taxId: '914403001922038216' }),
      a('a2', '华为技术 有限公司', { taxId: '91440300 1922038216' }),
      a('a3', '华为技术股份有限公司', { taxId: '９１４４０３００１９２２０３８２１６' }),
    ]);
    expect(r.accounts).toHaveLength(1);
    expect(r.report.groups[0].matches.map((m) => m.rule)).toEqual(['name_tax_id', 'name_tax_id']);
    expect(r.report.groups[0].matches[0].key).toBe('华为技术 + 914403001922038216');
  });
  it('normalised name + web domain merges (website vs domain vs e-mail style)', () => {
    const r = mergeAccounts([a('a1', 'Acme Co., Ltd.', { domain: 'acme.com' }), a('a2', 'ACME Inc', { website: 'https://www.acme.com/about' })]);
    expect(r.accounts).toHaveLength(1);
    expect(r.report.groups[0].matches[0]).toMatchObject({ rule: 'name_domain', key: 'acme + acme.com' });
  });
  it('a name alone never merges, and the report says why', () => {
    const r = mergeAccounts([a('a1', 'Acme Co., Ltd.', { domain: 'acme.com' }), a('a2', 'ACME Inc', { domain: 'acme.de' })]);
    expect(r.accounts).toHaveLength(2);
    expect(r.report.groups).toEqual([]);
    expect(r.report.skipped).toEqual([{ a: 'a1', b: 'a2', reason: expect.stringContaining('no shared tax id or domain') }]);
  });
  it('same name and domain but different tax ids: subsidiaries, not duplicates', () => {
    const r = mergeAccounts([
      a('a1', '恒瑞精密机械有限公司', { domain: 'hengrui.com.cn', taxId: '91320500AAAAAAAA1X' }),
      a('a2', '恒瑞精密机械（苏州）有限公司', { domain: 'hengrui.com.cn', taxId: '91320500BBBBBBBB2Y' }),
    ]);
    expect(r.accounts).toHaveLength(2);
    expect(r.report.skipped[0].reason).toContain('different tax ids');
  });
  it('rules can be switched off', () => {
    const input = [a('a1', 'Acme Co., Ltd.', { domain: 'acme.com' }), a('a2', 'ACME Inc', { domain: 'acme.com' })];
    expect(mergeAccounts(input, { rules: ['source_id', 'name_tax_id'] }).accounts).toHaveLength(2);
  });
  it('merges transitively (a~b by source id, b~c by name + tax id)', () => {
    const r = mergeAccounts([
      a('a1', 'X Ltd', { sourceIds: { zoho: 'z1' } }),
      a('a2', '某某科技有限公司', { sourceIds: { zoho: 'z1' }, taxId: 'T1' }),
      a('a3', '某某科技', { taxId: 'T1' }),
      a('a4', 'Unrelated'),
    ]);
    expect(r.accounts).toHaveLength(2);
    expect(r.report.groups[0].mergedIds.length).toBe(2);
  });
});

describe('merge report keeps every value', () => {
  const older = a('k1', 'Acme Co., Ltd.', {
    domain: 'acme.com', phone: '+1 555 0100', tier: 'B', industry: 'Manufacturing', ownerId: 'u1', employees: 120,
    tags: ['imported', 'emea'], sourceIds: { kingdee: '100' }, custom: { segment: 'auto', creditLimit: 5000 }, updatedAt: '2026-01-01T00:00:00Z',
  });
  const newer = a('s1', 'ACME Inc', {
    website: 'https://acme.com', phone: '+1 555 0199', tier: 'A', industry: 'Manufacturing', region: 'EMEA', employees: 130,
    tags: ['strategic', 'emea'], sourceIds: { salesforce: '001A' }, custom: { segment: 'industrial' }, updatedAt: '2026-06-01T00:00:00Z',
  });
  const r = mergeAccounts([older, newer], { prefer: ['salesforce'] });
  const merged = r.accounts[0];
  const field = (f: string) => r.report.groups[0].fields.find((x) => x.field === f)!;

  it('the preferred source survives and says so', () => {
    expect(merged.id).toBe('s1');
    expect(r.report.groups[0]).toMatchObject({ survivorId: 's1', mergedIds: ['k1'] });
    expect(r.report.groups[0].survivorReason).toContain('salesforce');
    expect(r.report.idMap).toEqual({ k1: 's1' });
  });
  it('each field: which value won, from where, why — and the losing value', () => {
    expect(field('phone')).toEqual({ field: 'phone', value: '+1 555 0199', from: 's1', reason: 'survivor', conflicts: [{ id: 'k1', value: '+1 555 0100' }] });
    expect(field('tier')).toMatchObject({ value: 'A', conflicts: [{ id: 'k1', value: 'B' }] });
    expect(field('industry')).toMatchObject({ value: 'Manufacturing', reason: 'agreed', conflicts: [] });
    expect(field('ownerId')).toMatchObject({ value: 'u1', from: 'k1', reason: 'filled_gap' });
    expect(field('domain')).toMatchObject({ value: 'acme.com', from: 'k1', reason: 'filled_gap' });
    expect(field('name')).toMatchObject({ value: 'ACME Inc', conflicts: [{ id: 'k1', value: 'Acme Co., Ltd.' }] });
    expect(field('custom.segment')).toMatchObject({ value: 'industrial', conflicts: [{ id: 'k1', value: 'auto' }] });
    expect(field('custom.creditLimit')).toMatchObject({ value: 5000, from: 'k1', reason: 'filled_gap' });
  });
  it('no value is silently dropped: every losing value sits in custom.mergedValues', () => {
    expect(merged.custom!.mergedValues).toEqual({
      name: [{ id: 'k1', value: 'Acme Co., Ltd.' }],
      phone: [{ id: 'k1', value: '+1 555 0100' }],
      tier: [{ id: 'k1', value: 'B' }],
      employees: [{ id: 'k1', value: 120 }],
      updatedAt: [{ id: 'k1', value: '2026-01-01T00:00:00Z' }],
      'custom.segment': [{ id: 'k1', value: 'auto' }],
    });
    expect(merged.custom!.mergedFrom).toEqual(['k1']);
    // Every value of every input can be found in the merged record or its mergedValues.
    const text = JSON.stringify(merged);
    for (const rec of [older, newer]) {
      for (const v of Object.values(rec).flatMap((x) => (typeof x === 'object' && x ? Object.values(x) : [x]))) {
        expect(text, String(v)).toContain(JSON.stringify(v).replace(/^"|"$/g, ''));
      }
    }
  });
  it('tags and source ids are unioned', () => {
    expect(merged.tags).toEqual(['strategic', 'emea', 'imported']);
    expect(merged.sourceIds).toEqual({ salesforce: '001A', kingdee: '100' });
  });
  it('does not mutate its input', () => {
    expect(older.custom).toEqual({ segment: 'auto', creditLimit: 5000 });
    expect(newer.tags).toEqual(['strategic', 'emea']);
  });
  it('two ids from one system are both kept', () => {
    const m = mergeAccounts([a('x', 'Q Ltd', { taxId: 'T', sourceIds: { zoho: '1' } }), a('y', 'Q Limited', { taxId: 'T', sourceIds: { zoho: '2' } })]);
    const sid = m.accounts[0];
    expect(Object.values(sid.sourceIds)).toHaveLength(1);
    expect(sid.custom!.mergedValues).toMatchObject({ sourceIds: [{ value: expect.any(Object) }] });
  });
});

describe('related records and hierarchies are re-pointed', () => {
  it('contacts, opportunities and child accounts follow the survivor', () => {
    const accounts = [
      a('a1', 'Acme Co., Ltd.', { domain: 'acme.com', employees: 10, phone: '1', tier: 'A' }),
      a('a2', 'ACME Inc', { domain: 'acme.com' }),
      a('a3', 'Acme Brazil', { parentId: 'a2' }),
    ];
    const contacts: Contact[] = [{ id: 'c1', accountId: 'a2', name: 'Ana', role: 'champion', sourceIds: {} }, { id: 'c2', accountId: 'a1', name: 'Bo', role: 'user', sourceIds: {} }];
    const r = mergeAccounts(accounts, { related: { contacts } });
    expect(r.accounts.map((x) => x.id)).toEqual(['a1', 'a3']);
    expect(r.accounts[1].parentId).toBe('a1');
    expect(r.related.contacts!.map((c) => c.accountId)).toEqual(['a1', 'a1']);
    expect(r.related.contacts![1]).toBe(contacts[1]); // untouched records are not copied
    expect(r.report.repointed).toEqual({ accounts: 1, contacts: 1 });
  });

  it('the Store merges on load with dedupe: dedupeAccounts() and keeps the report', () => {
    const pipeline: Pipeline = { id: 'p', name: 'P', sourceIds: {}, rules: { allowSkip: true, allowBackward: true, allowReopen: false, wonRequires: { reason: false, date: true }, lostRequires: { reason: true, date: true } }, stages: [{ id: 's', name: 'S', order: 1, probability: 0.5, forecastCategory: 'pipeline', kind: 'open', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] }] };
    const opp: Opportunity = { id: 'o1', accountId: 'a2', pipelineId: 'p', stageId: 's', name: 'D', amount: { amount: 1, currency: 'CNY' }, closeDate: '2026-12-01', stageHistory: [], checklist: {}, sourceIds: {} };
    const book = { pipelines: [pipeline], accounts: [a('a1', '华锐技术有限公司', { taxId: 'T9', employees: 5 }), a('a2', '华锐技术 有限公司', { taxId: 'T9' })], opportunities: [opp] };
    const s = Store.fromBook(book, { dedupe: dedupeAccounts() });
    expect(s.all('accounts').map((x) => x.id)).toEqual(['a1']);
    expect(s.byAccount('opportunities', 'a1').map((o) => o.id)).toEqual(['o1']);
    expect(s.mergeReport!.groups[0]).toMatchObject({ survivorId: 'a1', mergedIds: ['a2'] });
    expect(Store.fromBook(book).all('accounts')).toHaveLength(2);
  });
});
