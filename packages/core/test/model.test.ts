import { describe, it, expect } from 'vitest';
import { parseEntity, parseBatch, assertEntity, KamValidationError } from '../src/index.js';

const account = { id: 'acc-1', name: '华为技术有限公司' };

describe('schemas', () => {
  it('parses a valid account and fills defaults', () => {
    const r = parseEntity('accounts', account);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.tags).toEqual([]);
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

  it('keeps good records of a batch and returns bad ones with reasons', () => {
    const r = parseBatch('accounts', [account, { id: 'x' }, null, { id: 'acc-2', name: 'ACME' }]);
    expect(r.valid.map((a) => a.id)).toEqual(['acc-1', 'acc-2']);
    expect(r.rejected).toHaveLength(2);
    expect(r.rejected[0]).toMatchObject({ id: 'x', issues: [{ path: 'name' }] });
    expect(r.rejected[1].raw).toBe(null);
  });
});
