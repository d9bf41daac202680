import { describe, it, expect } from 'vitest';
import { parseEntity, parseBatch, assertEntity, KamValidationError, FxTable, entityKinds } from '../src/index.js';
import { entitySchemas } from '../src/model/schemas.js';

const account = { id: 'acc-1', name: '华为技术有限公司' };

describe('schemas', () => {
  it('lists every entity collection once, in the schemas\' order (loads, syncs and caches go through them in it)', () => {
    expect(entityKinds).toEqual(Object.keys(entitySchemas));
    expect(entityKinds).toEqual(['accounts', 'contacts', 'teamMembers', 'users', 'opportunities', 'activities', 'contracts', 'orders', 'invoices', 'tickets', 'surveys']);
  });

  it('parses a valid account and fills defaults', () => {
    const r = parseEntity('accounts', account);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.tags).toEqual([]);
  });

  it('gives every record its own default lists and maps', () => {
    const [a, b] = parseBatch('accounts', [account, { ...account, id: 'acc-2' }]).valid;
    a.tags.push('strategic');
    a.sourceIds.salesforce = '001';
    expect(b.tags).toEqual([]);
    expect(b.sourceIds).toEqual({});
  });

  it('names entity, id and path on failure', () => {
    const r = parseEntity('opportunities', { id: 'opp-7', accountId: 'acc-1', pipelineId: 'p', stageId: 's', name: 'Deal', closeDate: '2026-12-01', amount: { amount: 5, currency: 'usd' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]).toMatchObject({ entity: 'opportunities', id: 'opp-7', path: 'amount.currency' });
      expect(r.issues[0].message).toMatch(/ISO 4217/);
    }
  });

  it('assertEntity throws a KamValidationError, never a bare ZodError', () => {
    expect(() => assertEntity('accounts', { id: 'a', name: 42 })).toThrow(KamValidationError);
    expect(() => assertEntity('accounts', { id: 'a', name: 42 })).toThrow(/accounts a: name must be string, got number/);
  });

  it('names the key and the type wrong in a map field (sourceIds, custom, checklist)', () => {
    const issues = (kind: 'accounts' | 'opportunities', raw: object) => {
      const r = parseEntity(kind, raw);
      return r.ok ? [] : r.issues.map((i) => `${i.path} ${i.message}`);
    };
    expect(issues('accounts', { ...account, sourceIds: { salesforce: 1, zoho: 'z-1', kingdee: null } })).toEqual(['sourceIds.salesforce must be string, got number', 'sourceIds.kingdee must be string, got null']);
    expect(issues('accounts', { ...account, sourceIds: 'x' })).toEqual(['sourceIds must be record, got string']);
    expect(issues('accounts', { ...account, custom: ['a'] })).toEqual(['custom must be record, got array']);
    expect(issues('accounts', { ...account, custom: null })).toEqual(['custom must be record, got null']);
    // A Map or a Date is not a map of fields: refused, never read as an empty object (its entries would be lost).
    expect(issues('accounts', { ...account, custom: new Map([['budget', 5]]) })).toEqual(['custom must be record, got object']);
    expect(issues('accounts', { ...account, sourceIds: new Date(0) })).toEqual(['sourceIds must be record, got object']);
    const opp = { id: 'o', accountId: 'acc-1', pipelineId: 'p', stageId: 's', name: 'D', closeDate: '2026-12-01', amount: { amount: 5, currency: 'USD' } };
    expect(issues('opportunities', { ...opp, checklist: { budget: 'yes', demo: true } })).toEqual(['checklist.budget must be boolean, got string']);
    const ok = parseEntity('opportunities', { ...opp, checklist: { demo: true }, custom: { budget: 5, notes: null } });
    expect(ok.ok && ok.value).toMatchObject({ checklist: { demo: true }, custom: { budget: 5, notes: null } });
  });

  it('copies a map field as zod\'s record did: own enumerable keys, no __proto__, a symbol key refused', () => {
    const sourceIds: Record<PropertyKey, unknown> = { salesforce: '001' };
    Object.defineProperty(sourceIds, 'hidden', { value: 5, enumerable: false });
    const r = parseEntity('accounts', { ...account, sourceIds, custom: JSON.parse('{"__proto__": {"polluted": 1}, "budget": 5}') });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.sourceIds).toEqual({ salesforce: '001' });
      expect(r.value.sourceIds).not.toBe(sourceIds); // the record's own: changing the input later changes nothing
      expect(Object.keys(r.value.custom!)).toEqual(['budget']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
    const bad = parseEntity('accounts', { ...account, sourceIds: { [Symbol('s')]: 'x' } });
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.path} ${i.message}`)).toEqual(['sourceIds.Symbol(s) is invalid']);
  });

  it('names a bad FX rate by its currency, and a bad currency key', () => {
    const table = (rates: object) => ({ name: 'T', snapshots: [{ date: '2026-01-01', base: 'CNY', rates }] });
    expect(FxTable.safeParse(table({ USD: 7.1 })).success).toBe(true);
    const wrong = FxTable.safeParse(table({ USD: -1, usd: 7 }));
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues.map((i) => `${i.path.join('.')} ${i.code} ${i.code === 'custom' ? i.message : ''}`)).toEqual([
      'snapshots.0.rates.USD custom must be a positive number', 'snapshots.0.rates.usd invalid_key ',
    ]);
  });

  it('keeps good records of a batch and returns bad ones with reasons', () => {
    const r = parseBatch('accounts', [account, { id: 'x' }, null, { id: 'acc-2', name: 'ACME' }]);
    expect(r.valid.map((a) => a.id)).toEqual(['acc-1', 'acc-2']);
    expect(r.rejected).toHaveLength(2);
    expect(r.rejected[0]).toMatchObject({ id: 'x', issues: [{ path: 'name' }] });
    expect(r.rejected[1].raw).toBe(null);
  });
});
